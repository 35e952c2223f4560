package health.cura.fhir.gdpr;

import static health.cura.fhir.support.BulkExports.awaitManifest;
import static health.cura.fhir.support.BulkExports.send;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Restriction of processing (GDPR Art. 18): from the next request on, a restricted patient's records are refused to
 * ordinary staff and to backend services, left out of their searches and of bulk exports, and shown only to staff who
 * handle restrictions; lifting it needs such a member of staff and the patient told; each step is kept and audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestrictionOfProcessingTest extends ServerTest {

    private static final String PASSWORD = "correct-horse-battery";

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private String restricted;
    private String restrictedPulse;
    private String other;
    private String otherPulse;
    private String nurse;
    private String admin;

    @BeforeAll
    void clinicWithTwoPatientsAndStaff() {
        clinic = newTenant("restriction");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        restricted = createPatient(fhir, "Restricted").getIdPart();
        restrictedPulse = create(fhir, pulse(restricted)).getIdPart();
        other = createPatient(fhir, "Ordinary").getIdPart();
        otherPulse = create(fhir, pulse(other)).getIdPart();
        staffMember(clinic, "nurse-ruth", PASSWORD, "nurse");
        nurse = staffToken(clinic, "nurse-ruth", PASSWORD);
        staffMember(clinic, "admin-ade", PASSWORD, "admin");
        admin = staffToken(clinic, "admin-ade", PASSWORD);
    }

    private HttpResponse<String> call(String token, String operation, Parameters in) {
        return http("POST", "/" + clinic + "/Patient/" + restricted + "/" + operation,
                FHIR.newJsonParser().encodeResourceToString(in), "application/fhir+json",
                "Authorization", "Bearer " + token);
    }

    private static Parameters reason(String why) {
        return new Parameters().addParameter("reason", why);
    }

    @Test
    void aRestrictedPatientsRecordsAreForHandlersOnlyUntilLiftedAndEveryStepIsKept() throws Exception {
        HttpResponse<String> restrict = call(nurse, "$gdpr-restrict", reason("Accuracy of the address contested"));
        assertThat(restrict.statusCode()).as(restrict.body()).isEqualTo(200);
        Parameters made = FHIR.newJsonParser().parseResource(Parameters.class, restrict.body());
        assertThat(made.getParameterBool("alreadyInForce")).isFalse();
        HttpResponse<String> again = call(nurse, "$gdpr-restrict", reason("Asked again"));
        assertThat(FHIR.newJsonParser().parseResource(Parameters.class, again.body()).getParameterBool("alreadyInForce"))
                .isTrue();

        HttpResponse<String> read = getWithToken("/" + clinic + "/Patient/" + restricted, nurse);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(diagnostics(read.body())).contains("restricted (UK GDPR Art. 18)")
                .doesNotContain("Restricted");
        assertThat(getWithToken("/" + clinic + "/Observation/" + restrictedPulse, nurse).statusCode()).isEqualTo(403);
        String pulses = getWithToken("/" + clinic + "/Observation?code=http://loinc.org%7C8867-4", nurse).body();
        assertThat(pulses).contains(otherPulse).doesNotContain(restrictedPulse);
        String patients = getWithToken("/" + clinic + "/Patient?_count=50", nurse).body();
        assertThat(patients).contains(other).doesNotContain(restricted);
        HttpResponse<String> write = http("POST", "/" + clinic + "/Observation",
                FHIR.newJsonParser().encodeResourceToString(pulse(restricted)), "application/fhir+json",
                "Authorization", "Bearer " + nurse);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);

        String service = token(clinic);
        assertThat(getWithToken("/" + clinic + "/Patient/" + restricted, service).statusCode())
                .as("a backend service").isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Observation?subject=Patient/" + restricted, service).body())
                .doesNotContain(restrictedPulse);

        HttpResponse<String> kickOff = http("GET", "/" + clinic + "/$export?_type=Patient,Observation", null, null,
                "Prefer", "respond-async", "Authorization", "Bearer " + service);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest = awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), service);
        List<String> lines = new ArrayList<>();
        for (JsonNode file : manifest.path("output")) {
            lines.addAll(send(file.get("url").asText(), service, "application/fhir+ndjson").body().lines().toList());
        }
        assertThat(String.join("\n", lines)).contains(other, otherPulse).doesNotContain(restricted, restrictedPulse);

        assertThat(getWithToken("/" + clinic + "/Patient/" + restricted, admin).statusCode())
                .as("staff who handle restrictions").isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Observation?subject=Patient/" + restricted, admin).body())
                .contains(restrictedPulse);

        HttpResponse<String> byNurse = call(nurse, "$gdpr-lift-restriction",
                reason("Address checked").addParameter("patientInformed", true));
        assertThat(byNurse.statusCode()).as(byNurse.body()).isEqualTo(403);
        HttpResponse<String> untold = call(admin, "$gdpr-lift-restriction", reason("Address checked"));
        assertThat(untold.statusCode()).as(untold.body()).isEqualTo(400);
        assertThat(getWithToken("/" + clinic + "/Patient/" + restricted, nurse).statusCode()).isEqualTo(403);
        HttpResponse<String> lifted = call(admin, "$gdpr-lift-restriction",
                reason("Address checked against the electoral roll").addParameter("patientInformed", true));
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient/" + restricted, nurse).statusCode()).isEqualTo(200);
        assertThat(call(admin, "$gdpr-lift-restriction", reason("Again").addParameter("patientInformed", true))
                .statusCode()).isEqualTo(409);

        Map<String, Object> record = jdbc.queryForMap("""
                SELECT reason, lift_reason, restricted_by IS NOT NULL AS by_someone, lifted_by IS NOT NULL AS lifted,
                       restricted_by <> lifted_by AS two_people
                FROM cura_processing_restrictions WHERE organization_id = ? AND patient_resource_id = ?""",
                organizationId, restricted);
        assertThat(record).containsEntry("reason", "Accuracy of the address contested")
                .containsEntry("lift_reason", "Address checked against the electoral roll")
                .containsEntry("by_someone", true).containsEntry("lifted", true).containsEntry("two_people", true);
        int patientRow = rowId(organizationId, "Patient", restricted);
        assertThat(jdbc.queryForList("""
                SELECT metadata->>'interaction' FROM gdpr_audit_trail
                WHERE organization_id = ? AND patient_id = ? AND action = 'update' ORDER BY id""", String.class,
                organizationId, patientRow)).containsExactly("$gdpr-restrict", "$gdpr-lift-restriction");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                + "patient_id = ? AND action = 'denied'", Integer.class, organizationId, patientRow))
                .as("the refused reads are in the trail").isPositive();
    }

    @Test
    void badInputIsRefusedAndRestrictsNothing() {
        HttpResponse<String> noReason = call(nurse, "$gdpr-restrict", new Parameters());
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http("POST", "/" + clinic + "/Patient/no-such-patient/$gdpr-restrict",
                FHIR.newJsonParser().encodeResourceToString(reason("x")), "application/fhir+json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        String elsewhere = newTenant("restriction-other");
        String theirs = createPatient(client(elsewhere), "Theirs").getIdPart();
        HttpResponse<String> wrongClinic = http("POST", "/" + clinic + "/Patient/" + theirs + "/$gdpr-restrict",
                FHIR.newJsonParser().encodeResourceToString(reason("x")), "application/fhir+json");
        assertThat(wrongClinic.statusCode()).as("another clinic's patient is none of this clinic's").isEqualTo(404);
        String fresh = createPatient(fhir, "Fresh").getIdPart();
        HttpResponse<String> badRequest = http("POST", "/" + clinic + "/Patient/" + fresh + "/$gdpr-restrict",
                FHIR.newJsonParser().encodeResourceToString(reason("x")
                        .addParameter("request", new org.hl7.fhir.r4.model.Reference("Patient/" + other))),
                "application/fhir+json");
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cura_processing_restrictions WHERE lifted_at IS NULL AND "
                + "patient_resource_id IN (?, ?)", Integer.class, theirs, fresh)).isZero();
    }
}
