package health.cura.fhir.hapi;

import static health.cura.fhir.support.BulkExports.awaitManifest;
import static health.cura.fhir.support.BulkExports.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FHIR Bulk Data export of a clinic by a backend service: kick-off, polling, NDJSON files, only that clinic's data,
 * only for a token that reads every type, and an {@code export} audit row per patient exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkExportTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String clinic;
    private String otherClinic;
    private String alice;
    private String bob;
    private String pulse;
    private String stranger;

    @BeforeAll
    void twoClinics() {
        clinic = newTenant("export");
        otherClinic = newTenant("export-other");
        alice = createPatient(client(clinic), "Exported").getIdPart();
        bob = createPatient(client(clinic), "Alsoexported").getIdPart();
        pulse = create(client(clinic), pulse(alice)).getIdPart();
        stranger = createPatient(client(otherClinic), "Notexported").getIdPart();
    }

    @Test
    void aBackendServiceExportsItsClinicAndEachPatientIsAudited() throws Exception {
        HttpResponse<String> kickOff = http("GET", "/" + clinic + "/$export?_type=Patient,Observation", null, null,
                "Prefer", "respond-async");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();

        JsonNode manifest = awaitManifest(status, token(clinic));
        List<String> lines = new ArrayList<>();
        for (JsonNode file : manifest.path("output")) {
            HttpResponse<String> ndjson = send(file.get("url").asText(), token(clinic), "application/fhir+ndjson");
            assertThat(ndjson.statusCode()).isEqualTo(200);
            lines.addAll(ndjson.body().lines().filter(line -> !line.isBlank()).toList());
        }
        String exported = String.join("\n", lines);
        assertThat(exported).contains(alice, bob, pulse).doesNotContain(stranger);
        assertThat(lines).allSatisfy(line -> assertThat(JSON.readTree(line).get("resourceType").asText())
                .isIn("Patient", "Observation"));

        List<String> auditedPatients = jdbc.queryForList("""
                SELECT l.resource_id FROM gdpr_audit_trail a
                JOIN fhir_resource_links l ON l.organization_id = a.organization_id AND l.table_name = 'patients'
                                          AND l.row_id = a.patient_id
                WHERE a.organization_id = ? AND a.action = 'export'""", String.class, organizationId(clinic));
        assertThat(auditedPatients).containsExactlyInAnyOrder(alice, bob);

        HttpResponse<String> foreignPoll = send(status.replace("/" + clinic + "/", "/" + otherClinic + "/"),
                token(otherClinic), "application/fhir+json");
        assertThat(foreignPoll.statusCode()).as("another clinic polls this clinic's export").isGreaterThanOrEqualTo(400);
        assertThat(foreignPoll.body()).doesNotContain("Binary/");
    }

    @Test
    void onlyATokenThatReadsEveryTypeMayExport() {
        String patientsOnly = tokenWithScopes(clinic, "system/Patient.rs");
        assertThat(http("GET", "/" + clinic + "/$export", null, null, "Prefer", "respond-async",
                "Authorization", "Bearer " + patientsOnly).statusCode()).isEqualTo(403);
        assertThat(http("GET", "/" + clinic + "/Patient/$export", null, null, "Prefer", "respond-async",
                "Authorization", "Bearer " + patientsOnly).statusCode()).isEqualTo(403);
    }
}
