package health.cura.fhir.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tables and columns that the Cura schema document describes, read from its Markdown. */
record SchemaDocument(Map<String, List<Column>> tables, List<ForeignKey> foreignKeys) {

    /** One line of the document's foreign key list: {@code patients.user_id → users.id}. */
    record ForeignKey(String table, String column, String targetTable, String targetColumn) {}

    record Column(String name, String type, String constraints) {

        boolean notNull() {
            return constraints.contains("NOT NULL") || constraints.contains("PRIMARY KEY");
        }

        boolean unique() {
            return constraints.matches(".*\\bUNIQUE\\b.*");
        }

        /** The literal after DEFAULT, or null. */
        String defaultValue() {
            Matcher m = DEFAULT.matcher(constraints);
            return m.find() ? m.group(1).trim() : null;
        }
    }

    private static final Pattern DEFAULT = Pattern.compile("DEFAULT (.+?)(?:,|$)");
    private static final Pattern SECTION = Pattern.compile("^### (\\w+)\\s*$");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^(\\w+)\\.(\\w+) \u2192 (\\w+)\\.(\\w+)\\s*$");

    static SchemaDocument read() {
        Path path = locate();
        try {
            return parse(Files.readAllLines(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SchemaDocument parse(List<String> lines) {
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        String current = null;
        for (String line : lines) {
            Matcher foreignKey = FOREIGN_KEY.matcher(line);
            if (foreignKey.matches()) {
                foreignKeys.add(new ForeignKey(foreignKey.group(1), foreignKey.group(2), foreignKey.group(3),
                        foreignKey.group(4)));
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                current = section.group(1);
                continue;
            }
            if (line.startsWith("## ")) {
                current = null;
            }
            if (current == null || !line.startsWith("| ") || line.startsWith("| Column") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(1).split("\\|");
            if (cells.length < 3) {
                continue;
            }
            tables.computeIfAbsent(current, t -> new ArrayList<>())
                    .add(new Column(cells[0].trim(), cells[1].trim(), cells[2].trim()));
        }
        return new SchemaDocument(tables, foreignKeys);
    }

    /** {@code ../shared/seed/cura-emr-schema.md} from the repository root, wherever the test runs from. */
    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/seed/cura-emr-schema.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("The schema document shared/seed/cura-emr-schema.md was not found above "
                + Path.of("").toAbsolutePath() + "; the repository must sit beside shared/");
    }
}
