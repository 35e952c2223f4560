package health.cura.fhir.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The DDL the Cura EMR's own software would have run, written from the schema document alone: each documented table
 * with its columns, NOT NULL, defaults and the document's global UNIQUE constraints, and the document's foreign keys.
 * No migration of ours is involved, so a test can start the server on such a database as a clinic would.
 */
final class CuraEmrDdl {

    private CuraEmrDdl() {}

    /**
     * @param alsoExisting tables the EMR has beyond those the document describes (created by the caller first), which
     *                     foreign keys may point at
     */
    static List<String> statements(SchemaDocument document, Set<String> alsoExisting) {
        List<String> statements = new ArrayList<>();
        document.tables().forEach((table, columns) -> {
            List<String> definitions = new ArrayList<>();
            for (SchemaDocument.Column column : columns) {
                StringBuilder definition = new StringBuilder(column.name()).append(' ').append(column.type());
                String constraints = column.constraints();
                if (constraints.contains("PRIMARY KEY")) {
                    definition.append(" PRIMARY KEY");
                } else if (column.notNull()) {
                    definition.append(" NOT NULL");
                }
                String defaultValue = column.defaultValue();
                if (defaultValue != null) {
                    // the document writes the empty text[] as '[]', which PostgreSQL cannot read; the EMR has '{}'
                    definition.append(" DEFAULT ").append(column.type().endsWith("[]") && defaultValue.equals("'[]'")
                            ? "'{}'" : defaultValue);
                }
                if (column.unique()) {
                    definition.append(" UNIQUE");
                }
                definitions.add(definition.toString());
            }
            statements.add("CREATE TABLE " + table + " (\n    " + String.join(",\n    ", definitions) + "\n)");
        });
        Set<String> present = new java.util.HashSet<>(document.tables().keySet());
        present.addAll(alsoExisting);
        document.tables().forEach((table, columns) -> {
            for (SchemaDocument.Column column : columns) {
                java.util.regex.Matcher target = java.util.regex.Pattern.compile("FK to (\\w+)")
                        .matcher(column.constraints());
                if (target.find() && present.contains(target.group(1))) {
                    statements.add(foreignKey(table, column.name(), target.group(1)));
                }
            }
        });
        for (SchemaDocument.ForeignKey key : document.foreignKeys()) {
            boolean inline = document.tables().getOrDefault(key.table(), List.of()).stream()
                    .anyMatch(c -> c.name().equals(key.column()) && c.constraints().contains("FK to"));
            if (!inline && present.contains(key.table()) && present.contains(key.targetTable())) {
                statements.add(foreignKey(key.table(), key.column(), key.targetTable()));
            }
        }
        return statements;
    }

    private static String foreignKey(String table, String column, String target) {
        return "ALTER TABLE " + table + " ADD FOREIGN KEY (" + column + ") REFERENCES " + target + " (id)";
    }
}
