package health.cura.fhir.capture;

import static health.cura.fhir.support.Eventually.await;
import static health.cura.fhir.support.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The platform's view of change capture: a backfill of rows written while no server applied them, with its progress;
 * parked changes listed with their reasons and retried once fixed; the {@code capture} health group and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureOperationsTest extends ServerTest {

    private String clinic;
    private int clinicId;

    @BeforeAll
    void clinic() {
        clinic = newTenant("capture-ops");
        clinicId = organizationId(clinic);
    }

    @Test
    void aBackfillBringsRowsWrittenWhileNothingAppliedThemIntoFhirAndReportsItsProgress() {
        List<Integer> rows = unseenPatients(40, "Backfilled", "{}");
        assertThat(links(rows)).as("written where no trigger saw them").isZero();

        Parameters started = platform().operation().onServer().named("$capture-backfill")
                .withNoParameters(Parameters.class).execute();
        assertThat(started.getParameter("backfillRunning")).isNotNull();

        until(() -> links(rows) == rows.size());
        Parameters status = await(() -> Optional.of(status()).filter(s ->
                !((org.hl7.fhir.r4.model.BooleanType) s.getParameter("backfillRunning").getValue()).booleanValue()));
        assertThat(((IntegerType) status.getParameter("rowsDone").getValue()).getValue()).isGreaterThanOrEqualTo(40);
        assertThat(((IntegerType) status.getParameter("rowsLeft").getValue()).getValue()).isZero();
        assertThat(status.getParameters("table")).anySatisfy(table ->
                assertThat(table.getPart()).anySatisfy(part -> assertThat(part.getValue().primitiveValue())
                        .isEqualTo("patients")));
        String id = jdbc.queryForObject("SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND "
                + "table_name = 'patients' AND row_id = ?", String.class, clinicId, rows.get(0));
        Patient patient = client(clinic).read().resource(Patient.class).withId(id).execute();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Backfilled");
        assertThat(patient.getMeta().getVersionId()).as("one version, however often it was queued").isEqualTo("1");

        // a second run finds nothing to do and creates nothing
        platform().operation().onServer().named("$capture-backfill").withNoParameters(Parameters.class).execute();
        until(() -> !((org.hl7.fhir.r4.model.BooleanType) status().getParameter("backfillRunning").getValue())
                .booleanValue());
        assertThat(client(clinic).read().resource(Patient.class).withId(id).execute().getMeta().getVersionId())
                .isEqualTo("1");
    }

    @Test
    void aParkedChangeIsListedWithItsReasonAndAppliedWhenRetriedAfterItsRowIsFixed() {
        int poison = jdbc.queryForObject("INSERT INTO patients (organization_id, patient_id, first_name, last_name, "
                + "address) VALUES (?, ?, 'Row', 'Parkedrow', '[1, 2]'::jsonb) RETURNING id", Integer.class, clinicId,
                "PK" + UUID.randomUUID().toString().substring(0, 8));
        Parameters.ParametersParameterComponent change = await(() -> parked().getParameters("change").stream()
                .filter(c -> part(c, "row").equals(Integer.toString(poison))).findFirst());
        assertThat(part(change, "tenant")).isEqualTo(clinic);
        assertThat(part(change, "table")).isEqualTo("patients");
        assertThat(part(change, "reason")).contains("patients.address");

        // fixed where no trigger sees it: only the retry brings the row in
        unseenBySql(() -> jdbc.update("UPDATE patients SET address = '{\"city\": \"Hull\"}'::jsonb WHERE id = ?",
                poison));
        Parameters retry = new Parameters();
        retry.addParameter().setName("change").setValue(new StringType(part(change, "id")));
        Parameters retried = platform().operation().onServer().named("$capture-retry").withParameters(retry)
                .execute();
        assertThat(((IntegerType) retried.getParameter("retried").getValue()).getValue()).isEqualTo(1);
        until(() -> links(List.of(poison)) == 1);
        assertThat(parked().getParameters("change")).noneSatisfy(c ->
                assertThat(part(c, "row")).isEqualTo(Integer.toString(poison)));
    }

    @Test
    void retryingNothingOrAnUnknownClinicIsRefusedPlainly() {
        HttpResponse<String> nothing = postJson("/DEFAULT/$capture-retry",
                "{\"resourceType\":\"Parameters\"}");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(diagnostics(nothing.body())).contains("'change'").contains("'tenant'");
        HttpResponse<String> unknown = get("/DEFAULT/$capture-parked?tenant=no-such-clinic");
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> atClinic = get("/" + clinic + "/$capture-status");
        assertThat(atClinic.statusCode()).as("the platform's alone").isIn(403, 404);
    }

    @Test
    void theCaptureHealthGroupGoesDownWhenAChangeWaitsTooLongWhileTheServerStaysUp() {
        assertThat(actuator("/actuator/health/capture", null).statusCode()).isEqualTo(200);
        long stuck = jdbc.queryForObject("""
                INSERT INTO cura_row_changes (table_name, row_id, organization_id, operation, changed_at, not_before)
                VALUES ('patients', 2147483000, ?, 'U', clock_timestamp() - interval '1 hour',
                        clock_timestamp() + interval '1 hour') RETURNING id""", Long.class, clinicId);
        try {
            until(() -> actuator("/actuator/health/capture", null).statusCode() == 503);
            HttpResponse<String> health = actuator("/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).as("UP, and no capture component").contains("\"status\":\"UP\"")
                    .doesNotContain("\"capture\":{");
            HttpResponse<String> lag = actuator("/actuator/metrics/cura.capture.lag", token("DEFAULT"));
            assertThat(lag.statusCode()).isEqualTo(200);
            assertThat(lag.body()).contains("\"VALUE\"");
        } finally {
            jdbc.update("DELETE FROM cura_row_changes WHERE id = ?", stuck);
        }
        until(() -> actuator("/actuator/health/capture", null).statusCode() == 200);
    }

    /** Patient rows written in a transaction marked as the server's, so that no trigger records them. */
    private List<Integer> unseenPatients(int count, String lastName, String address) {
        return unseenBySql(() -> {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> jdbc.queryForObject(
                    "INSERT INTO patients (organization_id, patient_id, first_name, last_name, address) "
                            + "VALUES (?, ?, 'Row', ?, ?::jsonb) RETURNING id", Integer.class, clinicId,
                    "PB" + UUID.randomUUID().toString().substring(0, 8), lastName, address)).toList();
        });
    }

    private int links(List<Integer> rows) {
        return jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? AND "
                + "table_name = 'patients' AND row_id = ANY (?)", Integer.class, clinicId,
                rows.toArray(new Integer[0]));
    }

    private Parameters status() {
        return platform().operation().onServer().named("$capture-status").withNoParameters(Parameters.class)
                .useHttpGet().execute();
    }

    private Parameters parked() {
        return platform().operation().onServer().named("$capture-parked").withParameter(Parameters.class,
                "tenant", new StringType(clinic)).useHttpGet().execute();
    }

    private static String part(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private HttpResponse<String> actuator(String path, String accessToken) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ca.uhn.fhir.rest.client.api.IGenericClient platform() {
        return client("DEFAULT");
    }
}
