package health.cura.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnum;
import health.cura.conformance.terminology.CuraEnums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every enum the schema document lists has a Cura CodeSystem, and the code maps agree in both directions. */
class EnumCoverageTest {

    private static final Pattern HEADING = Pattern.compile("^### (\\w+)\\s*$");
    private static final Pattern ENUM_LINE = Pattern.compile("^\\*\\*([^*]+):\\*\\*\\s*(.+)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NOT_ENUMS = Pattern.compile("Primary Key|Unique|Foreign|Purpose|Index");

    @Test
    void everyDocumentedEnumHasACodeSystemWithAllItsValues() throws IOException {
        List<String> missing = new ArrayList<>();
        int documented = 0;
        String table = null;
        for (String line : Files.readAllLines(schemaDocument())) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                table = heading.group(1);
                continue;
            }
            Matcher enumLine = ENUM_LINE.matcher(line.strip());
            if (table == null || !enumLine.matches() || !enumLine.group(2).contains("`")
                    || NOT_ENUMS.matcher(enumLine.group(1)).find()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            Matcher code = CODE.matcher(enumLine.group(2));
            while (code.find()) {
                values.add(code.group(1));
            }
            documented++;
            String owner = table;
            boolean covered = CuraEnums.all().stream()
                    .filter(e -> e.column().startsWith(owner + "."))
                    .anyMatch(e -> values.stream().allMatch(e::contains));
            if (!covered) {
                missing.add(table + " " + enumLine.group(1) + " " + values);
            }
        }
        assertThat(documented).as("enum lines found in the schema document").isGreaterThan(30);
        assertThat(missing).as("documented enums without a CodeSystem").isEmpty();
    }

    @Test
    void standardCodesMapBackToACuraValueThatMapsToThem() {
        for (CuraEnum curaEnum : CuraEnums.all()) {
            for (CuraCode code : curaEnum.codes()) {
                if (code.standardCode() == null) {
                    continue;
                }
                String stored = curaEnum.fromStandard(code.standardCode()).orElseThrow();
                assertThat(curaEnum.toStandard(stored)).as(curaEnum.id() + " " + code.code()).contains(code.standardCode());
                if (code.exact()) {
                    assertThat(stored).as(curaEnum.id() + ": exact codes round trip").isEqualTo(code.code());
                }
            }
            curaEnum.fromStandard().forEach((standard, cura) ->
                    assertThat(curaEnum.contains(cura)).as(curaEnum.id() + " " + standard).isTrue());
        }
    }

    @Test
    void packageHasUniqueCanonicalUrls() {
        List<String> urls = ConformancePackage.resources().stream().map(r -> r.getUrl()).toList();
        assertThat(urls).doesNotHaveDuplicates();
    }

    private static Path schemaDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/seed/cura-emr-schema.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolve("../shared/seed/cura-emr-schema.md");
            if (Files.exists(sibling)) {
                return sibling.normalize();
            }
        }
        throw new IllegalStateException("../shared/seed/cura-emr-schema.md not found above " + Path.of("").toAbsolutePath());
    }
}
