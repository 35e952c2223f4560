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

    /** Takes as many of the clinic's requests in flight as the share admits, up to {@code most}. */
    private int hold(String tenant, int most) {
        int held = 0;
        while (held < most && share.admit(tenant)) {
            held++;
        }
        return held;
    }
}
