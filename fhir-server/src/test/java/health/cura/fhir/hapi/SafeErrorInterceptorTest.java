package health.cura.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.sql.SQLTransientConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaSystemException;

/**
 * What a client is told when the database refuses a write (that it conflicts, never the SQL or its values), and when
 * the server has no database connection to spare (that it is busy, and when to retry).
 */
class SafeErrorInterceptorTest {

    @Test
    void constraintViolationsKeepTheirStatusButNotTheirSql() {
        BaseServerResponseException raw = new ResourceVersionConflictException("HAPI-0550: could not execute batch "
                + "[insert into HFJ_RES_SEARCH_URL (RES_SEARCH_URL) values ('Patient?identifier=nhs|9434765919')]");

        BaseServerResponseException shown = SafeErrorInterceptor.uniform(raw);

        assertThat(shown.getStatusCode()).isEqualTo(409);
        assertThat(shown.getMessage()).contains("conflicts with data already stored")
                .doesNotContain("9434765919").doesNotContain("insert into");
    }

    @Test
    void aServerOutOfDatabaseConnectionsAnswersBusyWithWhenToRetry() {
        // how a pool timeout reaches HAPI: Hikari's exception under Hibernate's, under Spring's translation
        Exception poolTimeout = new JpaSystemException(new RuntimeException("could not prepare statement",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));

        BaseServerResponseException shown = new SafeErrorInterceptor()
                .hideInternals(new ServletRequestDetails(), poolTimeout, null);

        assertThat(shown.getStatusCode()).isEqualTo(503);
        assertThat(shown.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("5"));
        assertThat(shown.getMessage()).contains("too busy").doesNotContain("Hikari");
        // "transient": the code FHIR gives a failure that may succeed when tried again
        assertThat(((OperationOutcome) shown.getOperationOutcome()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    }

    @Test
    void otherFailuresStayInternalErrorsWithAReference() {
        BaseServerResponseException shown = new SafeErrorInterceptor()
                .hideInternals(new ServletRequestDetails(), new IllegalStateException("row 42 of patients"), null);

        assertThat(shown.getStatusCode()).isEqualTo(500);
        assertThat(shown.getMessage()).contains("error reference").doesNotContain("row 42");
    }

    @Test
    void aStatementCancelledByTheTimeoutAnswersTooCostlyWithWhenToRetry() {
        // how PostgreSQL's statement_timeout reaches HAPI: the driver's exception under Hibernate's and Spring's
        Exception cancelled = new JpaSystemException(new RuntimeException("could not execute query",
                new java.sql.SQLException("ERROR: canceling statement due to statement timeout", "57014")));

        BaseServerResponseException shown = new SafeErrorInterceptor()
                .hideInternals(new ServletRequestDetails(), cancelled, null);

        assertThat(shown.getStatusCode()).isEqualTo(503);
        assertThat(shown.getResponseHeaders()).containsKey("Retry-After");
        OperationOutcome outcome = (OperationOutcome) shown.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("longer than the server allows")
                .doesNotContain("canceling statement");
    }
}
