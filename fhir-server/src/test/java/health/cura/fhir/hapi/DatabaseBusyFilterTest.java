package health.cura.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * With every database connection lent out, a request whose token the security filters have not yet looked up (its
 * revocation check reads the database, before HAPI) is answered as HAPI answers its own pool timeouts: 503, when to
 * retry, an OperationOutcome, nothing about the pool. The benchmark found it as a 500 at 64 clients.
 */
class DatabaseBusyFilterTest extends ServerTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aPoolTimeoutInTheSecurityFiltersIsA503WithAnOperationOutcome() throws Exception {
        String tenant = newTenant("busy");
        String freshToken = tokenWithScopes(tenant, "system/Patient.rs");
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        long timeout = pool.getHikariConfigMXBean().getConnectionTimeout();
        List<Connection> held = new ArrayList<>();
        HttpResponse<String> response;
        try {
            // borrow every connection the pool will lend, waiting no longer than a second for the last
            pool.getHikariConfigMXBean().setConnectionTimeout(1_000);
            while (true) {
                try {
                    held.add(pool.getConnection());
                } catch (SQLTransientConnectionException exhausted) {
                    break;
                }
            }
            response = getWithToken("/" + tenant + "/Patient", freshToken);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            pool.getHikariConfigMXBean().setConnectionTimeout(timeout);
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("too busy");
        assertThat(response.body()).doesNotContain("Hikari").doesNotContain("JDBC");

        // the same token works once connections are free again
        assertThat(getWithToken("/" + tenant + "/Patient", freshToken).statusCode()).isEqualTo(200);
    }

    @Test
    void otherFailuresAreLeftToTheServersErrorHandling() {
        IllegalStateException failure = new IllegalStateException("something else");

        assertThatThrownBy(() -> new DatabaseBusyFilter().doFilter(
                new MockHttpServletRequest("GET", "/fhir/clinic/Patient/1"), new MockHttpServletResponse(),
                (request, response) -> {
                    throw failure;
                })).isSameAs(failure);
    }
}
