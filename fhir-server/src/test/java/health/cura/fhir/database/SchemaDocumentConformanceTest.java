package health.cura.fhir.database;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live database against {@code shared/seed/cura-emr-schema.md}: every documented table and column exists with its
 * documented type, nullability and default; anything more is listed, with its reason, in {@code db/README.md}.
 */
class SchemaDocumentConformanceTest extends ServerTest {

    private SchemaDocument document;
    private SchemaReadme readme;

    @BeforeEach
    void read() {
        document = SchemaDocument.read();
        readme = SchemaReadme.read();
    }

    @Test
    void theDocumentIsReadWhole() {
        assertThat(document.tables()).hasSize(36).containsKeys("patients", "appointments", "gdpr_audit_trail");
        assertThat(document.tables().get("patients")).hasSize(23);
    }

    @Test
    void everyDocumentedColumnHasItsDocumentedTypeNullabilityAndDefault() {
        Map<String, String> deviations = new HashMap<>();
        for (List<String> row : readme.rows("Deviations")) {
            deviations.put(row.get(0) + "." + row.get(1), row.get(3).replaceFirst("^DEFAULT ", ""));
        }
        List<String> problems = new ArrayList<>();
        document.tables().forEach((table, columns) -> {
            Map<String, Map<String, Object>> live = liveColumns(table);
            if (live.isEmpty()) {
                problems.add(table + ": table missing");
                return;
            }
            for (SchemaDocument.Column column : columns) {
                Map<String, Object> actual = live.get(column.name());
                String where = table + "." + column.name();
                if (actual == null) {
                    problems.add(where + ": column missing");
                    continue;
                }
                String expectedType = expectedType(column.type());
                if (!expectedType.equals(actualType(actual))) {
                    problems.add(where + ": type " + actualType(actual) + ", documented " + column.type());
                }
                boolean nullable = "YES".equals(actual.get("is_nullable"));
                if (nullable == column.notNull()) {
                    problems.add(where + ": nullable=" + nullable + ", documented " + column.constraints());
                }
                String expectedDefault = deviations.getOrDefault(where, column.defaultValue());
                String actualDefault = normalizeDefault((String) actual.get("column_default"));
                if (column.type().equals("serial")) {
                    if (actualDefault == null || !actualDefault.startsWith("nextval(")) {
                        problems.add(where + ": serial without a sequence default");
                    }
                } else if (!java.util.Objects.equals(normalizeDefault(expectedDefault), actualDefault)) {
                    problems.add(where + ": default " + actualDefault + ", documented " + expectedDefault);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void nothingUndocumentedExists() {
        Set<String> listedTables = new HashSet<>();
        readme.rows("Added tables").forEach(row -> listedTables.add(row.get(0)));
        Set<String> liveTables = new TreeSet<>(jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class));

        Set<String> unexplained = new TreeSet<>(liveTables);
        unexplained.removeAll(document.tables().keySet());
        unexplained.removeAll(listedTables);
        assertThat(unexplained).as("tables neither documented nor listed in db/README.md").isEmpty();
        assertThat(liveTables).as("tables listed in db/README.md").containsAll(listedTables);

        Set<String> listedColumns = new HashSet<>();
        readme.rows("Added columns").forEach(row -> listedColumns.add(row.get(0) + "." + row.get(1)));
        List<String> extraColumns = new ArrayList<>();
        document.tables().forEach((table, columns) -> {
            Set<String> documented = new HashSet<>();
            columns.forEach(c -> documented.add(c.name()));
            liveColumns(table).keySet().stream()
                    .filter(c -> !documented.contains(c) && !listedColumns.contains(table + "." + c))
                    .forEach(c -> extraColumns.add(table + "." + c));
        });
        assertThat(extraColumns).as("columns neither documented nor listed in db/README.md").isEmpty();
    }

    @Test
    void uniqueConstraintsAreTheDocumentedOnesPlusTheListedOnes() {
        Set<String> expected = new TreeSet<>();
        Set<String> replaced = new HashSet<>();
        for (List<String> row : readme.rows("Unique constraints")) {
            List<String> columns = List.of(row.get(1).split(",\\s*"));
            expected.add(row.get(0) + "(" + String.join(",", columns) + ")");
            if (row.get(2).startsWith("replaces the documented global UNIQUE")) {
                replaced.add(row.get(0) + "." + columns.get(columns.size() - 1));
            }
        }
        document.tables().forEach((table, columns) -> columns.stream()
                .filter(SchemaDocument.Column::unique)
                .filter(c -> !replaced.contains(table + "." + c.name()))
                .forEach(c -> expected.add(table + "(" + c.name() + ")")));

        Set<String> live = new TreeSet<>(jdbc.queryForList(
                """
                SELECT c.conrelid::regclass::text || '(' ||
                       string_agg(a.attname, ',' ORDER BY array_position(c.conkey, a.attnum)) || ')'
                  FROM pg_constraint c
                  JOIN pg_namespace n ON n.oid = c.connamespace
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                 WHERE c.contype = 'u' AND n.nspname = 'public'
                 GROUP BY c.oid, c.conrelid
                """,
                String.class));
        live.remove("cura_schema_history(version)");
        assertThat(live).isEqualTo(expected);
    }

    private Map<String, Map<String, Object>> liveColumns(String table) {
        Map<String, Map<String, Object>> columns = new HashMap<>();
        jdbc.queryForList(
                        """
                        SELECT column_name, data_type, udt_name, character_maximum_length, numeric_precision,
                               numeric_scale, is_nullable, column_default
                          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?
                        """,
                        table)
                .forEach(row -> columns.put((String) row.get("column_name"), row));
        return columns;
    }

    private static String expectedType(String documented) {
        String type = documented.toLowerCase();
        if (type.equals("serial")) {
            return "integer";
        }
        if (type.startsWith("varchar(")) {
            return "character varying" + type.substring("varchar".length());
        }
        if (type.startsWith("decimal(")) {
            return "numeric" + type.substring("decimal".length());
        }
        if (type.equals("timestamp")) {
            return "timestamp without time zone";
        }
        return type;
    }

    private static String actualType(Map<String, Object> column) {
        String type = (String) column.get("data_type");
        return switch (type) {
            case "character varying" -> type + "(" + column.get("character_maximum_length") + ")";
            case "numeric" -> column.get("numeric_precision") == null
                    ? "numeric"
                    : "numeric(" + column.get("numeric_precision") + "," + column.get("numeric_scale") + ")";
            case "ARRAY" -> ((String) column.get("udt_name")).substring(1) + "[]";
            default -> type;
        };
    }

    /** PostgreSQL shows defaults with casts ({@code 'monthly'::character varying}); the document writes the literal. */
    private static String normalizeDefault(String value) {
        if (value == null) {
            return null;
        }
        return value.replaceAll("::[a-z ]+(\\[\\])?", "").trim();
    }
}
