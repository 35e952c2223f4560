package health.cura.fhir.access.roles;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.grant.StaffAction;
import org.junit.jupiter.api.Test;

/** Reading the documented permissions JSON, and laying a member's own permissions over their role's. */
class RolePermissionsTest {

    private static final String DOCUMENTED_EXAMPLE = """
            {"modules": {
               "patients": {"view": true, "create": true, "edit": true, "delete": false},
               "appointments": {"view": true, "create": true, "edit": true, "delete": false},
               "billing": {"view": true, "create": false, "edit": false, "delete": false}},
             "fields": {
               "patientSensitiveInfo": {"view": true, "edit": false},
               "financialData": {"view": false, "edit": false}}}""";

    @Test
    void theDocumentedExampleReadsAsWritten() {
        StaffPermissions staff = RolePermissions.parse(DOCUMENTED_EXAMPLE).forStaff("nurse", true);
        assertThat(staff.allows("patients", StaffAction.EDIT)).isTrue();
        assertThat(staff.allows("patients", StaffAction.DELETE)).isFalse();
        assertThat(staff.allows("billing", StaffAction.CREATE)).isFalse();
        assertThat(staff.allows("lab_results", StaffAction.VIEW)).as("not listed, not granted").isFalse();
        assertThat(staff.field("patientSensitiveInfo", "patients")).isEqualTo(new FieldAccess(true, false));
        assertThat(staff.field("financialData", "billing")).isEqualTo(new FieldAccess(false, false));
    }

    @Test
    void aFieldGroupNeverExceedsItsModuleAndFollowsItWhenUnnamed() {
        StaffPermissions staff = RolePermissions.parse("""
                {"modules": {"patients": {"view": true}},
                 "fields": {"financialData": {"view": true, "edit": true}}}""").forStaff("x", true);
        assertThat(staff.field("patientSensitiveInfo", "patients")).isEqualTo(new FieldAccess(true, false));
        assertThat(staff.field("financialData", "billing")).isEqualTo(new FieldAccess(false, false));
    }

    @Test
    void onlyTrueGrantsAndMalformedDocumentsGrantNothing() {
        StaffPermissions staff = RolePermissions.parse("""
                {"modules": {"patients": {"view": "true", "create": 1, "edit": true}}}""").forStaff("x", true);
        assertThat(staff.allows("patients", StaffAction.VIEW)).isFalse();
        assertThat(staff.allows("patients", StaffAction.CREATE)).isFalse();
        assertThat(staff.allows("patients", StaffAction.EDIT)).isTrue();
        assertThat(RolePermissions.parse("not json")).isEqualTo(RolePermissions.EMPTY);
        assertThat(RolePermissions.parse(null)).isEqualTo(RolePermissions.EMPTY);
    }

    @Test
    void aMembersOwnEntriesReplaceTheRolesModuleByModule() {
        RolePermissions role = RolePermissions.parse(DOCUMENTED_EXAMPLE);
        RolePermissions own = RolePermissions.parse("""
                {"modules": {"billing": {"view": true, "create": true, "edit": true}, "lab_results": {"view": true}}}""");
        StaffPermissions staff = role.overlaidWith(own).forStaff("receptionist", true);
        assertThat(staff.allows("billing", StaffAction.CREATE)).isTrue();
        assertThat(staff.allows("lab_results", StaffAction.VIEW)).isTrue();
        assertThat(staff.allows("patients", StaffAction.EDIT)).as("kept from the role").isTrue();
    }

    @Test
    void documentedRolesHaveDefaultsAndUnknownRolesNothing() {
        assertThat(SystemRoles.of("admin").forStaff("admin", true).allows("staff", StaffAction.DELETE)).isTrue();
        assertThat(SystemRoles.of("doctor").forStaff("doctor", true).allows("medical_records", StaffAction.DELETE))
                .isFalse();
        assertThat(SystemRoles.of("receptionist").forStaff("receptionist", true)
                .allows("lab_results", StaffAction.VIEW)).isFalse();
        assertThat(SystemRoles.of("astronaut")).isEqualTo(RolePermissions.EMPTY);
    }

    @Test
    void inventoryIsViewedByAdminsDoctorsAndNursesAndRecordedByAdminsAndNurses() {
        for (String role : java.util.List.of("admin", "doctor", "nurse")) {
            assertThat(SystemRoles.of(role).forStaff(role, true).allows("inventory", StaffAction.VIEW)).as(role)
                    .isTrue();
        }
        for (String role : java.util.List.of("admin", "nurse")) {
            assertThat(SystemRoles.of(role).forStaff(role, true).allows("inventory", StaffAction.CREATE)).as(role)
                    .isTrue();
            assertThat(SystemRoles.of(role).forStaff(role, true).allows("inventory", StaffAction.EDIT)).as(role)
                    .isTrue();
        }
        assertThat(SystemRoles.of("doctor").forStaff("doctor", true).allows("inventory", StaffAction.CREATE))
                .isFalse();
        assertThat(SystemRoles.of("receptionist").forStaff("receptionist", true)
                .allows("inventory", StaffAction.VIEW)).isFalse();
    }
}
