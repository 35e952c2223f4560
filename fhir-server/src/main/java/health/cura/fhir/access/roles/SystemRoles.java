package health.cura.fhir.access.roles;

import static health.cura.fhir.access.roles.ClinicModules.APPOINTMENTS;
import static health.cura.fhir.access.roles.ClinicModules.BILLING;
import static health.cura.fhir.access.roles.ClinicModules.GDPR;
import static health.cura.fhir.access.roles.ClinicModules.IMAGING;
import static health.cura.fhir.access.roles.ClinicModules.INVENTORY;
import static health.cura.fhir.access.roles.ClinicModules.LAB_RESULTS;
import static health.cura.fhir.access.roles.ClinicModules.MEDICAL_RECORDS;
import static health.cura.fhir.access.roles.ClinicModules.PATIENTS;
import static health.cura.fhir.access.roles.ClinicModules.PRESCRIPTIONS;
import static health.cura.fhir.access.roles.ClinicModules.SETTINGS;
import static health.cura.fhir.access.roles.ClinicModules.STAFF;

import java.util.Map;

/**
 * What the documented roles ({@code admin}, {@code doctor}, {@code nurse}, {@code receptionist}, {@code sample_taker},
 * {@code patient}) allow when the clinic has no {@code roles} row of that name. The {@code inventory} module is
 * Cura's own (issue 22): viewed by admins, doctors and nurses, stock recorded by admins and nurses. A clinic's own row always wins; a role
 * that is neither in {@code roles} nor here allows nothing.
 *
 * <p>Clinical records are never deleted by clinicians here (a wrong entry is marked entered-in-error, which is an
 * edit); only administrators delete.
 */
public final class SystemRoles {

    private static final FieldAccess VIEW_ONLY = new FieldAccess(true, false);
    private static final FieldAccess HIDDEN = new FieldAccess(false, false);

    private static final Map<String, RolePermissions> DEFAULTS = Map.of(
            "admin", new RolePermissions(Map.ofEntries(Map.entry(PATIENTS, ModuleAccess.ALL),
                    Map.entry(APPOINTMENTS, ModuleAccess.ALL), Map.entry(MEDICAL_RECORDS, ModuleAccess.ALL),
                    Map.entry(PRESCRIPTIONS, ModuleAccess.ALL), Map.entry(LAB_RESULTS, ModuleAccess.ALL),
                    Map.entry(IMAGING, ModuleAccess.ALL), Map.entry(BILLING, ModuleAccess.ALL),
                    Map.entry(GDPR, ModuleAccess.ALL), Map.entry(STAFF, ModuleAccess.ALL),
                    Map.entry(SETTINGS, ModuleAccess.ALL), Map.entry(INVENTORY, ModuleAccess.ALL)), Map.of()),
            "doctor", new RolePermissions(Map.of(PATIENTS, ModuleAccess.NO_DELETE, APPOINTMENTS, ModuleAccess.NO_DELETE,
                    MEDICAL_RECORDS, ModuleAccess.NO_DELETE, PRESCRIPTIONS, ModuleAccess.NO_DELETE,
                    LAB_RESULTS, ModuleAccess.NO_DELETE, IMAGING, ModuleAccess.NO_DELETE,
                    BILLING, ModuleAccess.VIEW_ONLY, GDPR, ModuleAccess.NO_DELETE, INVENTORY, ModuleAccess.VIEW_ONLY),
                    Map.of(FieldNames.FINANCIAL_DATA, VIEW_ONLY)),
            "nurse", new RolePermissions(Map.of(PATIENTS, ModuleAccess.NO_DELETE, APPOINTMENTS, ModuleAccess.NO_DELETE,
                    MEDICAL_RECORDS, ModuleAccess.NO_DELETE, PRESCRIPTIONS, ModuleAccess.VIEW_ONLY,
                    LAB_RESULTS, ModuleAccess.NO_DELETE, IMAGING, ModuleAccess.VIEW_ONLY,
                    GDPR, ModuleAccess.NO_DELETE, INVENTORY, ModuleAccess.NO_DELETE),
                    Map.of(FieldNames.FINANCIAL_DATA, HIDDEN)),
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
