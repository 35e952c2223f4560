package health.cura.fhir.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.fhir.hapi.MigrationConnections;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The limits of issue 15's unbounded queries: search size, statement time, and each clinic's share of the pool. */
class RequestLimitsTest extends ServerTest {

    @Autowired
    private FairShare share;

    @Autowired
    private DataSource dataSource;

    private static String clinic;
    private static String other;
    private int heldForClinic;
    private int heldForOther;

    @BeforeEach
    void clinics() {
        if (clinic == null) {
            clinic = newTenant("limits");
            other = newTenant("limits-other");
        }
    }

    @AfterEach
    void releaseHeldRequests() {
        for (; heldForClinic > 0; heldForClinic--) {
            share.release(clinic);
        }
        for (; heldForOther > 0; heldForOther--) {
            share.release(other);
        }
    }

    @Test
    void aSearchWithTooManyValuesOfOneParameterIsRefusedNamingItAndTheLimit() {
        String repeated = IntStream.rangeClosed(1, 21).mapToObj(i -> "family=x" + i).collect(Collectors.joining("&"));
        String ored = "family=" + IntStream.rangeClosed(1, 21).mapToObj(i -> "x" + i).collect(Collectors.joining(","));
        String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "family=x" + i).collect(Collectors.joining("&"));

        for (String query : new String[] {repeated, ored}) {
            HttpResponse<String> response = get("/" + clinic + "/Patient?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).contains("too-costly").contains("'family' has 21 values")
                    .contains("at most 20");
        }
        assertThat(get("/" + clinic + "/Patient?" + twenty).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedHasParametersCountAsOneParameter() {
        String has = IntStream.rangeClosed(1, 21).mapToObj(i -> "_has:Observation:subject:value-string=v" + i)
                .collect(Collectors.joining("&"));

        HttpResponse<String> response = get("/" + clinic + "/Patient?" + has);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'_has' has 21 values");
    }

    @Test
    void aSearchPostedWithTooManyParametersInAllIsRefused() {
        String form = IntStream.rangeClosed(1, 101).mapToObj(i -> "p" + (i % 60) + "=v")
                .collect(Collectors.joining("&"));

        HttpResponse<String> response = http("POST", "/" + clinic + "/Patient/_search", form,
                "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("101 parameters").contains("at most 100");
    }

    @Test
    void theServersConnectionsCancelALongStatementButMigrationsAreNotBound() {
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("5s");
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT pg_sleep(7)", String.class))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("statement timeout");

        JdbcTemplate migrations = new JdbcTemplate(MigrationConnections.of(dataSource));
        assertThat(migrations.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("0");
        assertThat(migrations.queryForObject("SELECT current_schema()", String.class)).isEqualTo("hapi");
    }

    @Test
    void aClinicOverItsShareWhileAnotherCompetesGets429AndTheOtherIsServed() {
        heldForOther = hold(other, 1);
        heldForClinic = hold(clinic, 100);

        HttpResponse<String> refused = get("/" + clinic + "/Patient?_count=1");
        HttpResponse<String> served = get("/" + other + "/Patient?_count=1");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("OperationOutcome").contains("throttled");
        assertThat(served.statusCode()).isEqualTo(200);

        releaseHeldRequests();
        assertThat(get("/" + clinic + "/Patient?_count=1").statusCode()).isEqualTo(200);
    }

    @Test
    void aBundleWithMoreEntriesThanAllowedIsRefusedAndNothingIsWritten() {
        String family = "Oversized" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String entry = "{\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family
                + "\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + String.join(",", java.util.Collections.nCopies(401, entry)) + "]}";

        HttpResponse<String> response = postJson("/" + clinic, bundle);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("OperationOutcome").contains("401 entries").contains("at most 400");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE last_name = ?", Integer.class, family))
                .isZero();
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedAndNothingIsStored() throws Exception {
        String family = "Bytes" + java.util.UUID.randomUUID().toString().substring(0, 6);
        byte[] prefix = ("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] suffix = "\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/" + clinic + "/Patient"))
                        .header("Authorization", "Bearer " + token(clinic))
                        .header("Content-Type", "application/fhir+json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("not valid UTF-8");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE last_name LIKE ?", Integer.class,
                family + "%")).isZero();
    }

    @Test
    void aBodyLargerThanAllowedIsRefusedWith413() {
        String note = "x".repeat(5_000_001);
        HttpResponse<String> response = postJson("/" + clinic + "/Patient",
                "{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"" + note + "\"}}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than the server takes (5000000 bytes");
        assertThat(postJson("/" + clinic + "/Patient", "{\"resourceType\":\"Patient\"}").statusCode())
                .as("an ordinary write still passes, its body read again by HAPI").isEqualTo(201);
    }

    /** Takes as many of the clinic's requests in flight as the share admits, up to {@code most}. */
    private int hold(String tenant, int most) {
        int held = 0;
        while (held < most && share.admit(tenant)) {
            held++;
        }
        return held;
    }
}
