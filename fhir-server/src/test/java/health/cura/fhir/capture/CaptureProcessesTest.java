package health.cura.fhir.capture;

import static health.cura.fhir.support.Eventually.await;
import static health.cura.fhir.support.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerProcess;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.support.BackendServiceKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several server processes on one database: they share the change log, and each change is applied once; a process
 * killed with {@code kill -9} in the middle of a backfill leaves nothing half done, and the backfill completes after
 * it restarts, with one resource per row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureProcessesTest extends ServerTest {

    private static final Duration LONG = Duration.ofMinutes(3);

    private String clinic;
    private int clinicId;

    @BeforeAll
    void clinic() {
        clinic = newTenant("capture-nodes");
        clinicId = organizationId(clinic);
    }

    private ServerProcess secondNode() {
        Map<String, String> settings = new java.util.LinkedHashMap<>(sharedSettings());
        settings.put("cura.capture.workers", "2");
        return ServerProcess.start(settings);
    }

    @Test
    void twoProcessesApplyEachChangeOnceAndInOrder() {
        try (ServerProcess other = secondNode()) {
            String family = "Twonodes" + UUID.randomUUID().toString().substring(0, 6);
            List<Integer> rows = IntStream.range(0, 150).mapToObj(i -> jdbc.queryForObject(
                    "INSERT INTO patients (organization_id, patient_id, first_name, last_name) VALUES (?, ?, 'Row', ?) "
                            + "RETURNING id", Integer.class, clinicId, "PN" + UUID.randomUUID().toString()
                            .substring(0, 8), family)).toList();
            for (int round = 1; round <= 3; round++) {
                for (int row : rows) {
                    jdbc.update("UPDATE patients SET first_name = ? WHERE id = ?", "Round" + round, row);
                }
            }
            until(LONG, () -> jdbc.queryForObject("SELECT count(*) FROM cura_row_changes WHERE organization_id = ?",
                    Integer.class, clinicId) == 0);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? AND "
                    + "table_name = 'patients' AND row_id = ANY (?)", Integer.class, clinicId,
                    rows.toArray(new Integer[0]))).as("one Patient per row").isEqualTo(rows.size());
            assertThat(search("Patient?family=" + family + "&_summary=count").getTotal()).isEqualTo(rows.size());
            assertThat(search("Patient?family=" + family + "&given=Round3&_summary=count").getTotal())
                    .as("every Patient in its row's last state").isEqualTo(rows.size());
            List<Map<String, Object>> versions = jdbc.queryForList("""
                    SELECT r.res_id, count(*) AS versions, max(v.res_ver) AS newest
                    FROM hapi.hfj_res_ver v JOIN hapi.hfj_resource r ON r.res_id = v.res_id
                    JOIN fhir_resource_links l ON l.resource_id = r.fhir_id
                    WHERE l.organization_id = ? AND l.table_name = 'patients' AND l.row_id = ANY (?)
                    GROUP BY r.res_id""", clinicId, rows.toArray(new Integer[0]));
            assertThat(versions).allSatisfy(patient -> {
                long count = ((Number) patient.get("versions")).longValue();
                assertThat(count).as("versions without gaps or doubles")
                        .isEqualTo(((Number) patient.get("newest")).longValue()).isBetween(1L, 4L);
            });
            // This process's counter also counts other classes' changes; the other process started for this test.
            assertThat(appliedBy(other)).as("the other process applied some of the 600 changes").isPositive();
            assertThat(other.isAlive()).isTrue();
        }
    }

    @Test
    void aProcessKilledDuringABackfillLeavesNoDuplicatesAndTheBackfillCompletes() {
        int count = 3_000;
        String family = "Killed" + UUID.randomUUID().toString().substring(0, 6);
        List<Integer> rows = unseenBySql(() -> {
            return jdbc.queryForList("""
                    INSERT INTO patients (organization_id, patient_id, first_name, last_name)
                    SELECT ?, 'PK' || lpad(n::text, 6, '0') || substr(md5(random()::text), 1, 4), 'Row', ?
                    FROM generate_series(1, ?) n RETURNING id""", Integer.class, clinicId, family, count);
        });
        ServerProcess other = secondNode();
        try {
            client("DEFAULT").operation().onServer().named("$capture-backfill").withNoParameters(Parameters.class)
                    .execute();
            await(LONG, () -> linked(rows) > count / 10 ? Optional.of(true) : Optional.empty());
            other.kill();
            assertThat(linked(rows)).as("killed half way").isLessThan(count);
            other = secondNode();
            until(LONG, () -> linked(rows) == count);
            until(LONG, () -> jdbc.queryForObject("SELECT count(*) FROM cura_row_changes WHERE operation = 'B'",
                    Integer.class) == 0);
        } finally {
            other.close();
        }
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT row_id) FROM fhir_resource_links WHERE "
                + "organization_id = ? AND table_name = 'patients' AND row_id = ANY (?)", Integer.class, clinicId,
                rows.toArray(new Integer[0]))).isEqualTo(count);
        assertThat(search("Patient?family=" + family + "&_summary=count").getTotal())
                .as("one Patient per row, none twice").isEqualTo(count);
    }

    /** What the process's {@code cura.capture.applied} counter says, read as the platform's operator would. */
    private static double appliedBy(ServerProcess process) {
        String tokens = "http://localhost:" + process.port() + "/oauth2/token";
        String token = BackendServiceKeys.requestToken(tokens, PlatformScopes.PLATFORM,
                PLATFORM_KEYS.assertion(PLATFORM_CLIENT_ID, tokens, Map.of())).accessToken();
        try {
            HttpResponse<String> metric = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + process.port() + "/actuator/metrics/cura.capture.applied"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(metric.body())
                    .path("measurements").path(0).path("value").asDouble();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int linked(List<Integer> rows) {
        return jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? AND "
                + "table_name = 'patients' AND row_id = ANY (?)", Integer.class, clinicId,
                rows.toArray(new Integer[0]));
    }

    private org.hl7.fhir.r4.model.Bundle search(String query) {
        return client(clinic).search().byUrl(query).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
    }
}
