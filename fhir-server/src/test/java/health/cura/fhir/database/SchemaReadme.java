package health.cura.fhir.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of {@code db/README.md}: what the database has beyond the schema document, by section heading. */
record SchemaReadme(Map<String, List<List<String>>> sections) {

    static SchemaReadme read() {
        try (InputStream in = SchemaReadme.class.getResourceAsStream("/db/README.md")) {
            if (in == null) {
                throw new IllegalStateException("db/README.md is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SchemaReadme parse(List<String> lines) {
        Map<String, List<List<String>>> sections = new LinkedHashMap<>();
        String heading = null;
        boolean header = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).trim();
                sections.put(heading, new ArrayList<>());
                header = true;
            } else if (heading != null && line.startsWith("|")) {
                if (header || line.startsWith("|---")) {
                    header = false;
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                    cells.add(cell.trim().replace("`", ""));
                }
                sections.get(heading).add(cells);
            }
        }
        return new SchemaReadme(sections);
    }

    List<List<String>> rows(String heading) {
        List<List<String>> rows = sections.get(heading);
        if (rows == null) {
            throw new IllegalStateException("db/README.md has no section '" + heading + "'");
        }
        return rows;
    }
}
