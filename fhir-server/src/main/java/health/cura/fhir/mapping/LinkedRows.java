package health.cura.fhir.mapping;

import health.cura.fhir.tables.ResourceLinks;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * Writes the row of a resource in one table: updates the linked row, or inserts one and links it. The statement is
 * built from the table's projected columns and their value expressions ({@code ?}, {@code ?::jsonb}, ...), bound by
 * the caller; the clinic and row id are bound after them.
 */
@Component
public class LinkedRows {

    private final RowWriter rows;
    private final ResourceLinks links;

    public LinkedRows(RowWriter rows, ResourceLinks links) {
        this.rows = rows;
        this.links = links;
    }

    /** The table's projected columns, their value expressions, and whether it has an {@code updated_at} to touch. */
    public record Table(String name, String columns, String values, boolean touchesUpdatedAt) {

        int parameters() {
            return (int) values.chars().filter(c -> c == '?').count();
        }
    }

    public void save(ProjectionContext context, Table table, String resourceType, String resourceId,
            RowWriter.Binder binder) {
        save(context, table, resourceType, resourceId,
                links.rowId(context.organizationId(), resourceType, resourceId), binder);
    }

    /** As above, for a caller that already looked the linked row up. */
    public void save(ProjectionContext context, Table table, String resourceType, String resourceId,
            OptionalInt existing, RowWriter.Binder binder) {
        int organizationId = context.organizationId();
        int n = table.parameters();
        String touch = table.touchesUpdatedAt() ? ", updated_at = now()" : "";
        links.save(organizationId, table.name(), resourceType, resourceId, existing,
                id -> rows.update("UPDATE " + table.name() + " SET (" + table.columns() + ") = ROW(" + table.values()
                        + ")" + touch + " WHERE organization_id = ? AND id = ?", statement -> {
                            binder.bind(statement);
                            statement.setInt(n + 1, organizationId);
                            statement.setInt(n + 2, id);
                        }),
                () -> rows.insert("INSERT INTO " + table.name() + " (" + table.columns() + ", organization_id) VALUES ("
                        + table.values() + ", ?)", statement -> {
                            binder.bind(statement);
                            statement.setInt(n + 1, organizationId);
                        }));
    }

    /** Sets one status-like column of the resource's row, if it has one (a FHIR delete that deactivates). */
    public void set(ProjectionContext context, Table table, String resourceType, String resourceId, String assignment) {
        int organizationId = context.organizationId();
        String touch = table.touchesUpdatedAt() ? ", updated_at = now()" : "";
        links.rowId(organizationId, resourceType, resourceId).ifPresent(id -> rows.update(
                "UPDATE " + table.name() + " SET " + assignment + touch + " WHERE organization_id = ? AND id = ?",
                statement -> {
                    statement.setInt(1, organizationId);
                    statement.setInt(2, id);
                }));
    }
}
