package health.cura.fhir.access.roles;

import static health.cura.fhir.access.roles.ClinicModules.APPOINTMENTS;
import static health.cura.fhir.access.roles.ClinicModules.BILLING;
import static health.cura.fhir.access.roles.ClinicModules.GDPR;
import static health.cura.fhir.access.roles.ClinicModules.IMAGING;
import static health.cura.fhir.access.roles.ClinicModules.LAB_RESULTS;
import static health.cura.fhir.access.roles.ClinicModules.MEDICAL_RECORDS;
import static health.cura.fhir.access.roles.ClinicModules.PATIENTS;
import static health.cura.fhir.access.roles.ClinicModules.PRESCRIPTIONS;
import static health.cura.fhir.access.roles.ClinicModules.SETTINGS;
import static health.cura.fhir.access.roles.ClinicModules.STAFF;

import java.util.Map;

/**
 * What the documented roles ({@code admin}, {@code doctor}, {@code nurse}, {@code receptionist}, {@code sample_taker},
 * {@code patient}) allow when the clinic has no {@code roles} row of that name. A clinic's own row always wins; a role
 * that is neither in {@code roles} nor here allows nothing.
 *
 * <p>Clinical records are never deleted by clinicians here (a wrong entry is marked entered-in-error, which is an
 * edit); only administrators delete.
 */
public final class SystemRoles {

    private static final FieldAccess VIEW_ONLY = new FieldAccess(true, false);
    private static final FieldAccess HIDDEN = new FieldAccess(false, false);

    private static final Map<String, RolePermissions> DEFAULTS = Map.of(
            "admin", new RolePermissions(Map.of(PATIENTS, ModuleAccess.ALL, APPOINTMENTS, ModuleAccess.ALL,
                    MEDICAL_RECORDS, ModuleAccess.ALL, PRESCRIPTIONS, ModuleAccess.ALL, LAB_RESULTS, ModuleAccess.ALL,
                    IMAGING, ModuleAccess.ALL, BILLING, ModuleAccess.ALL, GDPR, ModuleAccess.ALL,
                    STAFF, ModuleAccess.ALL, SETTINGS, ModuleAccess.ALL), Map.of()),
            "doctor", new RolePermissions(Map.of(PATIENTS, ModuleAccess.NO_DELETE, APPOINTMENTS, ModuleAccess.NO_DELETE,
                    MEDICAL_RECORDS, ModuleAccess.NO_DELETE, PRESCRIPTIONS, ModuleAccess.NO_DELETE,
                    LAB_RESULTS, ModuleAccess.NO_DELETE, IMAGING, ModuleAccess.NO_DELETE,
                    BILLING, ModuleAccess.VIEW_ONLY, GDPR, ModuleAccess.NO_DELETE),
                    Map.of(FieldNames.FINANCIAL_DATA, VIEW_ONLY)),
            "nurse", new RolePermissions(Map.of(PATIENTS, ModuleAccess.NO_DELETE, APPOINTMENTS, ModuleAccess.NO_DELETE,
                    MEDICAL_RECORDS, ModuleAccess.NO_DELETE, PRESCRIPTIONS, ModuleAccess.VIEW_ONLY,
                    LAB_RESULTS, ModuleAccess.NO_DELETE, IMAGING, ModuleAccess.VIEW_ONLY,
                    GDPR, ModuleAccess.NO_DELETE), Map.of(FieldNames.FINANCIAL_DATA, HIDDEN)),
            "receptionist", new RolePermissions(Map.of(PATIENTS, ModuleAccess.NO_DELETE, APPOINTMENTS, ModuleAccess.ALL,
                    BILLING, ModuleAccess.NO_DELETE, GDPR, ModuleAccess.NO_DELETE), Map.of()),
            "sample_taker", new RolePermissions(Map.of(PATIENTS, ModuleAccess.VIEW_ONLY,
                    APPOINTMENTS, ModuleAccess.VIEW_ONLY, LAB_RESULTS, ModuleAccess.NO_DELETE),
                    Map.of(FieldNames.PATIENT_SENSITIVE_INFO, HIDDEN, FieldNames.FINANCIAL_DATA, HIDDEN)),
            "patient", RolePermissions.EMPTY);

    private SystemRoles() {}

    public static RolePermissions of(String role) {
        return DEFAULTS.getOrDefault(role, RolePermissions.EMPTY);
    }
}
