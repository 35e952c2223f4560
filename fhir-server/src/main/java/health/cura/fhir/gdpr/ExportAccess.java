package health.cura.fhir.gdpr;

import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.RoleNeed;

/**
 * Who may export a patient's records for them: backend services that read every type, and staff whose role both
 * handles GDPR requests (edits the gdpr module) and views the medical record, which the export holds whole. By the
 * default roles: administrators, doctors and nurses; not receptionists.
 */
final class ExportAccess {

    private ExportAccess() {}

    static OperationAccess exporters() {
        return OperationAccess.clinic(grant -> grant.readsEveryType(),
                RoleNeed.of(ClinicModules.GDPR, StaffAction.EDIT).and(ClinicModules.MEDICAL_RECORDS, StaffAction.VIEW));
    }
}
