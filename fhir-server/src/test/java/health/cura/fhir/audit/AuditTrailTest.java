package health.cura.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartBrowser;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every interaction with patient data leaves a {@code gdpr_audit_trail} row (writes in their own transaction, reads
 * as they are answered, refusals and failed sign-ins too), and the trail is readable, and only readable, as
 * AuditEvent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String clinic;
    private int organization;

    @BeforeAll
    void clinic() {
        clinic = newTenant("audit");
        organization = organizationId(clinic);
    }

    @Test
    void writesAndReadsOfAPatientAreRecordedWithTheirRowsAndRequester() throws Exception {
        String patient = createPatient(client(clinic), "Audited").getIdPart();
        int patientRow = rowId(organization, "Patient", patient);
        List<Map<String, Object>> created = rows("create", patientRow);
        assertThat(created).hasSize(1);
        assertThat(created.get(0)).containsEntry("resource_type", "patient").containsEntry("resource_id", patientRow);
        JsonNode metadata = JSON.readTree(created.get(0).get("metadata").toString());
        assertThat(metadata.get("fhirIds").get(0).asText()).isEqualTo("Patient/" + patient);
        assertThat(metadata.get("interaction").asText()).isEqualTo("create");
        assertThat(metadata.hasNonNull("clientId")).isTrue();
        assertThat(metadata.hasNonNull("auditEventId")).isTrue();
        assertThat(created.get(0).get("session_id")).as("the token's id").isNotNull();

        HttpResponse<String> read = http("GET", "/" + clinic + "/Patient/" + patient, null, null,
                "User-Agent", "audit-test/1.0", "X-Purpose-Of-Use", "TREAT");
        assertThat(read.statusCode()).isEqualTo(200);
        List<Map<String, Object>> reads = rows("read", patientRow);
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0)).containsEntry("user_agent", "audit-test/1.0").containsEntry("purpose", "TREAT");
        assertThat(reads.get(0).get("ip_address")).isNotNull();

        String observation = create(client(clinic), pulse(patient)).getIdPart();
        assertThat(rows("create", patientRow)).as("the observation's create, filed under its patient").hasSize(2);
        assertThat(get("/" + clinic + "/Observation?subject=Patient/" + patient).statusCode()).isEqualTo(200);
        List<Map<String, Object>> searched = rows("read", patientRow);
        assertThat(searched).hasSize(2);
        JsonNode search = JSON.readTree(searched.get(1).get("metadata").toString());
        assertThat(search.get("interaction").asText()).isEqualTo("search-type");
        assertThat(search.get("query").asText()).as("parameter names, never their values")
                .isEqualTo(clinic + "/Observation?subject");
        assertThat(search.get("fhirIds").toString()).contains("Observation/" + observation);
    }

    @Test
    void aReadShownInABrowserIsRecordedToo() {
        String patient = createPatient(client(clinic), "Browsed").getIdPart();
        HttpResponse<String> page = http("GET", "/" + clinic + "/Patient/" + patient + "?_format=html/json", null, null,
                "User-Agent", "Mozilla/5.0 (audit test)");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(rows("read", rowId(organization, "Patient", patient))).hasSize(1);
    }

    @Test
    void aSearchOverSeveralPatientsLeavesOneRowPerPatient() {
        String first = createPatient(client(clinic), "Searchfamily").getIdPart();
        String second = createPatient(client(clinic), "Searchfamily").getIdPart();
        assertThat(get("/" + clinic + "/Patient?family=Searchfamily&_count=5&family:exact=Searchfamily")
                .statusCode()).isEqualTo(200);
        List<Map<String, Object>> firstRead = rows("read", rowId(organization, "Patient", first));
        assertThat(firstRead).hasSize(1);
        assertThat(rows("read", rowId(organization, "Patient", second))).hasSize(1);
        // the trail outlives an erasure: what was searched for (a name here) is not kept, only how
        assertThat(firstRead.get(0).get("metadata").toString()).doesNotContain("Searchfamily")
                .contains("Patient?family&_count&family:exact");
    }

    @Test
    void theReadsInsideABatchAreRecordedAndItsWritesOnce() {
        String read = createPatient(client(clinic), "Batchread").getIdPart();
        String searched = createPatient(client(clinic), "Batchsearch").getIdPart();
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"request":{"method":"GET","url":"Patient/%s"}},
                  {"request":{"method":"GET","url":"Patient?family=Batchsearch"}},
                  {"resource":{"resourceType":"Patient","name":[{"family":"Batchwritten"}]},
                   "request":{"method":"POST","url":"Patient"}}]}""".formatted(read);
        var answer = http("POST", "/" + clinic, batch, "application/fhir+json", "Prefer", "return=representation");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(rows("read", rowId(organization, "Patient", read))).hasSize(1);
        assertThat(rows("read", rowId(organization, "Patient", searched))).hasSize(1);
        Integer written = jdbc.queryForObject("SELECT id FROM patients WHERE organization_id = ? AND last_name = ?",
                Integer.class, organization, "Batchwritten");
        assertThat(rows("create", written)).hasSize(1);
        assertThat(rows("read", written)).as("a written record shown back is not a read").isEmpty();
    }

    @Test
    void aRolledBackWriteLeavesNoAuditRowAndARefusalLeavesOne() {
        String patient = createPatient(client(clinic), "Refused").getIdPart();
        int patientRow = rowId(organization, "Patient", patient);
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"request":{"method":"PUT","url":"Patient/%s"},
                  "resource":{"resourceType":"Patient","id":"%s","name":[{"family":"Renamed"}]}},
                 {"request":{"method":"POST","url":"Observation"},
                  "resource":{"resourceType":"Observation","status":"final",
                   "subject":{"reference":"Patient/%s"}}}]}"""
                .formatted(patient, patient, patient);
        // The Observation has no code, which R4 requires: the validator refuses it after the update was made.
        assertThat(postJson("/" + clinic, bundle).statusCode()).isEqualTo(422);
        assertThat(rows("update", patientRow)).as("rolled back with the bundle").isEmpty();

        String observationsOnly = tokenWithScopes(clinic, "system/Observation.rs");
        assertThat(getWithToken("/" + clinic + "/Patient/" + patient, observationsOnly).statusCode()).isEqualTo(403);
        List<Map<String, Object>> denied = rows("denied", patientRow);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).get("metadata").toString()).contains("\"outcome\": \"4\"");
    }

    @Test
    void aFailedSignInIsRecorded() {
        int before = count("login_failed");
        assertThat(new SmartBrowser(port).signIn(clinic, "nobody.here", "wrong")).isFalse();
        assertThat(count("login_failed")).isEqualTo(before + 1);
    }

    @Test
    void theTrailIsReadableAsAuditEventAndCannotBeChanged() throws Exception {
        String patient = createPatient(client(clinic), "Eventful").getIdPart();
        assertThat(get("/" + clinic + "/Patient/" + patient).statusCode()).isEqualTo(200);

        HttpResponse<String> search = get("/" + clinic + "/AuditEvent?patient=Patient/" + patient);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        List<String> events = entries(search.body());
        assertThat(events).hasSize(2);
        JsonNode newest = JSON.readTree(events.get(0));
        assertThat(newest.get("type").get("code").asText()).isEqualTo("rest");
        assertThat(newest.get("subtype").get(0).get("code").asText()).isEqualTo("read");
        assertThat(newest.get("action").asText()).isEqualTo("R");
        assertThat(newest.get("outcome").asText()).isEqualTo("0");
        assertThat(newest.get("entity").toString()).contains("Patient/" + patient);
        assertThat(newest.get("agent").get(0).get("requestor").asBoolean()).isTrue();
        assertThat(JSON.readTree(events.get(1)).get("action").asText()).isEqualTo("C");
        assertThat(entries(get("/" + clinic + "/AuditEvent?patient=Patient/" + patient + "&action=C").body()))
                .hasSize(1);

        String id = newest.get("id").asText();
        HttpResponse<String> one = get("/" + clinic + "/AuditEvent/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("recorded").asText()).isEqualTo(newest.get("recorded").asText());
        assertThat(get("/" + createdElsewhere() + "/AuditEvent/" + id).statusCode())
                .as("another clinic's trail").isEqualTo(404);

        int writesBefore = count("create") + count("update") + count("delete");
        String event = "{\"resourceType\":\"AuditEvent\",\"type\":{\"code\":\"rest\"},\"recorded\":\"2026-01-01T00:00:00Z\","
                + "\"agent\":[{\"requestor\":true}],\"source\":{\"observer\":{\"display\":\"x\"}}}";
        assertThat(postJson("/" + clinic + "/AuditEvent", event).statusCode()).isBetween(400, 499);
        assertThat(http("PUT", "/" + clinic + "/AuditEvent/" + id, event.replace("{\"resourceType\":\"AuditEvent\",",
                "{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\","), "application/fhir+json").statusCode())
                .isBetween(400, 499);
        assertThat(http("DELETE", "/" + clinic + "/AuditEvent/" + id, null, null).statusCode()).isBetween(400, 499);
        String smuggled = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":"
                + "{\"method\":\"POST\",\"url\":\"AuditEvent\"},\"resource\":" + event + "}]}";
        assertThat(postJson("/" + clinic, smuggled).statusCode()).as("through a transaction").isEqualTo(403);

        assertThat(get("/" + clinic + "/AuditEvent/" + id).statusCode()).isEqualTo(200);
        assertThat(count("create") + count("update") + count("delete")).isEqualTo(writesBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'AuditEvent'"
                + " AND partition_id = ?", Integer.class, organization)).as("nothing in HAPI's store").isZero();
    }

    private String createdElsewhere() {
        return newTenant("audit-other");
    }

    private List<Map<String, Object>> rows(String action, int patientRow) {
        return jdbc.queryForList("SELECT * FROM gdpr_audit_trail WHERE organization_id = ? AND patient_id = ?"
                + " AND action = ? ORDER BY id", organization, patientRow, action);
    }

    private int count(String action) {
        return jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND action = ?",
                Integer.class, organization, action);
    }
}
