package health.cura.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import health.cura.fhir.support.SmartBrowser;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code roles} table decides what a signed-in member of staff may do, whatever the app's scopes allow: modules
 * the role does not grant are refused or left out, protected fields are hidden and kept, and a member's own
 * {@code users.permissions} adjusts their role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffRolePermissionsTest extends ServerTest {

    private static final String REDIRECT = "https://desk.example/callback";
    private static final String PASSWORD = "front desk 2026";
    private static final String FRONT_DESK = """
            {"modules": {
               "patients": {"view": true, "create": true, "edit": true, "delete": false},
               "appointments": {"view": true, "create": true, "edit": true, "delete": true},
               "billing": {"view": true, "create": false, "edit": false, "delete": false}},
             "fields": {
               "patientSensitiveInfo": {"view": false, "edit": false},
               "financialData": {"view": false, "edit": false}}}""";

    private String clinic;
    private SmartApp app;
    private String alice;
    private String pulse;

    @BeforeAll
    void clinicWithRolesStaffAndRecords() {
        clinic = newTenant("roles");
        int organization = organizationId(clinic);
        jdbc.update("INSERT INTO roles (organization_id, name, display_name, description, permissions) "
                + "VALUES (?, 'front_desk', 'Front desk', 'Reception and bookings', ?::jsonb)", organization, FRONT_DESK);
        staffMember(clinic, "desk.one", PASSWORD, "front_desk");
        staffMember(clinic, "desk.two", PASSWORD, "front_desk");
        staffMember(clinic, "desk.three", PASSWORD, "front_desk");
        staffMember(clinic, "dr.hale", PASSWORD, "doctor");

        Patient patient = new Patient();
        patient.addName().setFamily("Liddell").addGiven("Alice");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("01632 960001");
        patient.addAddress().addLine("1 Rabbit Hole").setCity("Oxford").setPostalCode("OX1 1AA");
        alice = create(client(clinic), patient).getIdPart();
        pulse = create(client(clinic), pulse(alice)).getIdPart();
        app = new SmartApp(base(), tokenEndpoint(), clinic, clientRegistrar.registerSmartApp(clinic, "Front desk",
                Set.of(REDIRECT), Set.of("openid", "fhirUser", "user/*.cruds"), null).getClientId(), REDIRECT);
    }

    @Test
    void aModuleTheRoleDoesNotGrantIsRefusedWithTheReason() {
        String desk = signIn("desk.one");
        HttpResponse<String> read = getWithToken("/" + clinic + "/Observation/" + pulse, desk);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(diagnostics(read.body())).contains("front_desk", "medical_records", "Observation");
        assertThat(getWithToken("/" + clinic + "/Observation?subject=Patient/" + alice, desk).statusCode())
                .isEqualTo(403);
        assertThat(http("POST", "/" + clinic + "/Observation", FHIR.newJsonParser().encodeResourceToString(pulse(alice)),
                "application/fhir+json", "Authorization", "Bearer " + desk).statusCode()).isEqualTo(403);
        assertThat(http("DELETE", "/" + clinic + "/Patient/" + alice, null, null, "Authorization", "Bearer " + desk)
                .statusCode()).as("patients: no delete").isEqualTo(403);
        assertThat(get("/" + clinic + "/Patient/" + alice).statusCode()).as("still there").isEqualTo(200);
    }

    @Test
    void everythingLeavesOutWhatTheRoleMayNotSee() {
        String desk = signIn("desk.one");
        HttpResponse<String> everything = getWithToken("/" + clinic + "/Patient/" + alice + "/$everything", desk);
        assertThat(everything.statusCode()).as(everything.body()).isEqualTo(200);
        List<Bundle.BundleEntryComponent> entries =
                FHIR.newJsonParser().parseResource(Bundle.class, everything.body()).getEntry();
        assertThat(entries).as("no empty entries where resources were left out")
                .allMatch(Bundle.BundleEntryComponent::hasResource);
        List<String> types = entries.stream()
                .map(entry -> entry.getResource().fhirType()).toList();
        assertThat(types).contains("Patient").doesNotContain("Observation");

        HttpResponse<String> asSystem = get("/" + clinic + "/Patient/" + alice + "/$everything");
        assertThat(asSystem.body()).as("the record does hold the observation").contains(pulse);
    }

    @Test
    void sensitiveFieldsAreHiddenAndAnUpdateKeepsThem() {
        String desk = signIn("desk.two");
        HttpResponse<String> read = getWithToken("/" + clinic + "/Patient/" + alice, desk);
        assertThat(read.statusCode()).isEqualTo(200);
        Patient shown = FHIR.newJsonParser().parseResource(Patient.class, read.body());
        assertThat(shown.getTelecom()).isEmpty();
        assertThat(shown.getAddress()).isEmpty();
        assertThat(shown.getNameFirstRep().getFamily()).isEqualTo("Liddell");
        assertThat(shown.getMeta().getSecurity()).anyMatch(code -> "REDACTED".equals(code.getCode()));
        HttpResponse<String> searched = getWithToken("/" + clinic + "/Patient?family=Liddell", desk);
        assertThat(searched.body()).doesNotContain("01632 960001", "Rabbit Hole");

        // The receptionist corrects the name, sending back what they were shown.
        shown.getNameFirstRep().setFamily("Liddell-Hart");
        shown.getMeta().getSecurity().clear();
        HttpResponse<String> updated = http("PUT", "/" + clinic + "/Patient/" + alice,
                FHIR.newJsonParser().encodeResourceToString(shown), "application/fhir+json",
                "Authorization", "Bearer " + desk);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        Patient stored = FHIR.newJsonParser().parseResource(Patient.class, get("/" + clinic + "/Patient/" + alice).body());
        assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Liddell-Hart");
        assertThat(stored.getTelecomFirstRep().getValue()).isEqualTo("01632 960001");
        assertThat(stored.getAddressFirstRep().getCity()).isEqualTo("Oxford");
        Map<String, Object> row = linkedRow(organizationId(clinic), "patients", "Patient", alice);
        assertThat(row.get("last_name")).isEqualTo("Liddell-Hart");
        assertThat(row.get("phone")).isEqualTo("01632 960001");

        // Changing what the role may not edit is refused, and nothing changes.
        shown.getNameFirstRep().setFamily("Liddell");
        shown.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("07700 900123");
        HttpResponse<String> refused = http("PUT", "/" + clinic + "/Patient/" + alice,
                FHIR.newJsonParser().encodeResourceToString(shown), "application/fhir+json",
                "Authorization", "Bearer " + desk);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(diagnostics(refused.body())).contains("patientSensitiveInfo", "Patient.telecom");
        assertThat(linkedRow(organizationId(clinic), "patients", "Patient", alice).get("last_name"))
                .isEqualTo("Liddell-Hart");
    }

    @Test
    void aDoctorWithoutARolesRowHasTheDocumentedDefaults() {
        String doctor = signIn("dr.hale");
        assertThat(getWithToken("/" + clinic + "/Observation/" + pulse, doctor).statusCode()).isEqualTo(200);
        HttpResponse<String> patient = getWithToken("/" + clinic + "/Patient/" + alice, doctor);
        assertThat(patient.body()).contains("01632 960001");
        assertThat(http("DELETE", "/" + clinic + "/Observation/" + pulse, null, null,
                "Authorization", "Bearer " + doctor).statusCode()).as("clinicians do not delete").isEqualTo(403);
    }

    @Test
    void aMembersOwnPermissionsAdjustTheirRole() {
        jdbc.update("UPDATE users SET permissions = ?::jsonb WHERE username = 'desk.three' AND organization_id = ?",
                "{\"modules\": {\"medical_records\": {\"view\": true}}}", organizationId(clinic));
        String desk = signIn("desk.three");
        assertThat(getWithToken("/" + clinic + "/Observation/" + pulse, desk).statusCode()).isEqualTo(200);
        assertThat(http("POST", "/" + clinic + "/Observation", FHIR.newJsonParser().encodeResourceToString(pulse(alice)),
                "application/fhir+json", "Authorization", "Bearer " + desk).statusCode())
                .as("view only").isEqualTo(403);
    }

    @Test
    void aDeactivatedMemberIsRefusedAlthoughTheirTokenIsValid() {
        staffMember(clinic, "leaver", PASSWORD, "front_desk");
        String token = signIn("leaver");
        jdbc.update("UPDATE users SET is_active = false WHERE username = 'leaver' AND organization_id = ?",
                organizationId(clinic));
        HttpResponse<String> read = getWithToken("/" + clinic + "/Patient/" + alice, token);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(diagnostics(read.body())).contains("inactive");
    }

    /** An access token of the app for the member of staff, through the sign-in page. */
    private String signIn(String username) {
        String verifier = SmartApp.verifier();
        String code = app.codeOf(new SmartBrowser(port).authorizeSigningIn(
                app.authorizeUrl("openid fhirUser user/*.cruds", verifier, Map.of()), username, PASSWORD));
        return app.exchange(code, verifier).get("access_token").asText();
    }
}
