package health.cura.fhir.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's reindex of one clinic: the clinic's search indexes are rebuilt, and every other clinic's are left as
 * they are (shown by indexes removed in both clinics: only the reindexed clinic's come back).
 */
class ReindexTenantOperationTest extends ServerTest {

    private static String clinic;
    private static String other;

    @BeforeEach
    void clinics() {
        if (clinic == null) {
            clinic = newTenant("reindexed");
            other = newTenant("not-reindexed");
        }
    }

    @Test
    void rebuildsTheNamedClinicsIndexesAndNoOtherClinics() throws InterruptedException {
        String family = "Reindex" + UUID.randomUUID().toString().substring(0, 8);
        String ours = createPatient(client(clinic), family).getIdPart();
        String theirs = createPatient(client(other), family).getIdPart();
        dropStringIndexes(clinic, ours);
        dropStringIndexes(other, theirs);
        assertThat(patientsNamed(clinic, family)).isZero();
        assertThat(patientsNamed(other, family)).isZero();

        Parameters started = reindex(clinic, null);
        String jobId = started.getParameter("jobId").getValue().primitiveValue();
        Parameters finished = awaitEnd(jobId);

        assertThat(finished.getParameter("status").getValue().primitiveValue()).isEqualTo("completed");
        assertThat(patientsNamed(clinic, family)).isEqualTo(1);
        assertThat(patientsNamed(other, family)).as("the other clinic's index rows are untouched").isZero();
        assertThat(stringIndexRows(other, theirs)).isZero();
    }

    @Test
    void anUnknownClinicIsABadRequestNamingTheParameter() {
        HttpResponse<String> response = postJson("/DEFAULT/$reindex-tenant", parameters("no-such-clinic", null));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("Parameter 'tenant'")
                .contains("no-such-clinic");
    }

    @Test
    void anotherClinicsJobIsNotFoundUnderThisClinic() {
        String jobId = reindex(other, null).getParameter("jobId").getValue().primitiveValue();

        HttpResponse<String> response = postJson("/DEFAULT/$reindex-tenant", parameters(clinic, jobId));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("OperationOutcome").contains("No reindex job");
    }

    @Test
    void noClinicTokenMayReindexAndHapisOwnReindexIsNotOffered() {
        HttpResponse<String> atPlatform = http("POST", "/DEFAULT/$reindex-tenant", parameters(clinic, null),
                "application/fhir+json", "Authorization", "Bearer " + token(clinic));
        HttpResponse<String> atClinic = postJson("/" + clinic + "/$reindex-tenant", parameters(clinic, null));
        HttpResponse<String> hapis = postJson("/" + clinic + "/$reindex", "{\"resourceType\":\"Parameters\"}");

        assertThat(atPlatform.statusCode()).isIn(401, 403);
        assertThat(atClinic.statusCode()).isEqualTo(403);
        assertThat(atClinic.body()).contains("$reindex-tenant");
        // HAPI's own $reindex is not served at all (it would take the request's partition, or all of them)
        assertThat(hapis.statusCode()).isIn(400, 403);
        assertThat(hapis.body()).contains("OperationOutcome").contains("$reindex");
        assertThat(get("/" + clinic + "/metadata").body()).doesNotContain("\"reindex\"");
    }

    private Parameters reindex(String tenant, String jobId) {
        HttpResponse<String> response = postJson("/DEFAULT/$reindex-tenant", parameters(tenant, jobId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    private Parameters awaitEnd(String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            Parameters status = reindex(clinic, jobId);
            String code = status.getParameter("status").getValue().primitiveValue();
            if (code.equals("completed") || code.equals("failed") || code.equals("cancelled")
                    || Instant.now().isAfter(deadline)) {
                return status;
            }
            Thread.sleep(500);
        }
    }

    private static String parameters(String tenant, String jobId) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"tenant\",\"valueString\":\"" + tenant
                + "\"}" + (jobId == null ? "" : ",{\"name\":\"jobId\",\"valueString\":\"" + jobId + "\"}") + "]}";
    }

    private int patientsNamed(String tenant, String family) {
        HttpResponse<String> response = http("GET", "/" + tenant + "/Patient?family=" + family + "&_total=accurate",
                null, null, "Cache-Control", "no-cache");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getTotal();
    }

    private void dropStringIndexes(String tenant, String patientId) {
        assertThat(stringIndexRows(tenant, patientId)).isPositive();
        jdbc.update("DELETE FROM hapi.hfj_spidx_string WHERE res_id = ?", resourcePid(tenant, patientId));
    }

    private int stringIndexRows(String tenant, String patientId) {
        return jdbc.queryForObject("SELECT count(*) FROM hapi.hfj_spidx_string WHERE res_id = ?", Integer.class,
                resourcePid(tenant, patientId));
    }

    private long resourcePid(String tenant, String patientId) {
        return jdbc.queryForObject("SELECT res_id FROM hapi.hfj_resource WHERE partition_id = ? AND res_type = "
                + "'Patient' AND fhir_id = ?", Long.class, organizationId(tenant), patientId);
    }
}
