package health.cura.fhir.inventory;

import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.RoleNeed;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Reference;

/** What the stock reports share: who may read them, and the one item a report may be narrowed to. */
final class ReportAccess {

    private ReportAccess() {}

    /** Tokens that read the clinic's items; staff whose role views inventory. */
    static OperationAccess readers() {
        return OperationAccess.clinic(grant -> grant.readsAcrossClinic("Basic"),
                RoleNeed.of(ClinicModules.INVENTORY, StaffAction.VIEW));
    }

    /** The row of the item a report is narrowed to; empty for every item, 404 for no item of the clinic. */
    static Integer itemRow(Reference item, int organizationId, health.cura.fhir.tables.ResourceLinks links) {
        if (item == null) {
            return null;
        }
        String id = ItemResources.itemId(item, "item");
        OptionalInt row = links.rowId(organizationId, "Basic", id);
        if (row.isEmpty()) {
            throw new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException(
                    new org.hl7.fhir.r4.model.IdType("Basic", id));
        }
        return row.getAsInt();
    }

    static Reference reference(String resourceId, String name) {
        return new Reference("Basic/" + resourceId).setDisplay(name);
    }
}
