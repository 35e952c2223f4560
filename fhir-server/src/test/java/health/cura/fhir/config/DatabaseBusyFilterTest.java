package health.cura.fhir.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLTransientConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A pool timeout in the filters before HAPI (the token's revocation lookup, found by the benchmark at 64 clients) is
 * answered as HAPI's own are: 503, when to retry, an OperationOutcome, nothing about the pool.
 */
class DatabaseBusyFilterTest {

    private final DatabaseBusyFilter filter = new DatabaseBusyFilter();

    @Test
    void aPoolTimeoutBeforeHapiIsA503WithAnOperationOutcome() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getWriter().write("{\"partial\":");

        filter.doFilter(new MockHttpServletRequest("GET", "/fhir/clinic/Patient/1"), response, (request, ignored) -> {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
                .parseResource(OperationOutcome.class, response.getContentAsString());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("too busy").doesNotContain("Hikari");
    }

    @Test
    void otherFailuresAreLeftToTheServersErrorHandling() {
        IllegalStateException failure = new IllegalStateException("something else");

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/fhir/clinic/Patient/1"),
                new MockHttpServletResponse(), (request, response) -> {
                    throw failure;
                })).isSameAs(failure);
    }
}
