package health.cura.fhir.mapping;

import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.fhir.tables.TableRows;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The row of a resource in its table: updates the linked row, or inserts one and links it; changes or deletes the
 * linked row of a deleted resource.
 */
@Component
public class LinkedRows {

    private final TableRows rows;
    private final ResourceLinks links;

    public LinkedRows(TableRows rows, ResourceLinks links) {
        this.rows = rows;
        this.links = links;
    }

    public void save(ProjectionContext context, CuraTable table, String resourceType, String resourceId,
            RowValues values) {
        save(context, table, resourceType, resourceId,
                links.rowId(context.organizationId(), resourceType, resourceId), values);
    }

    /** As above, for a caller that already looked the linked row up. */
    public void save(ProjectionContext context, CuraTable table, String resourceType, String resourceId,
            OptionalInt existing, RowValues values) {
        int organizationId = context.organizationId();
        links.save(organizationId, table.name(), resourceType, resourceId, existing,
                id -> rows.update(table, organizationId, id, values),
                () -> rows.insert(table, organizationId, values));
    }

    /** Sets some columns of the resource's row, if it has one (a FHIR delete that deactivates or cancels). */
    public void set(ProjectionContext context, CuraTable table, String resourceType, String resourceId,
            RowValues values) {
        links.rowId(context.organizationId(), resourceType, resourceId)
                .ifPresent(id -> rows.update(table, context.organizationId(), id, values));
    }

    /** Deletes the resource's row and its links, if it has one. */
    public void delete(ProjectionContext context, CuraTable table, String resourceType, String resourceId) {
        int organizationId = context.organizationId();
        links.rowId(organizationId, resourceType, resourceId).ifPresent(id -> {
            links.unlink(organizationId, table.name(), id);
            rows.delete(table, organizationId, id);
        });
    }
}
