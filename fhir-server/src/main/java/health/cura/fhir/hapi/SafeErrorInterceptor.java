package health.cura.fhir.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Error responses reveal nothing they should not. An unexpected failure must not tell the client about the server's
 * internals (SQL, class names): the client gets a generic OperationOutcome with a reference, and the log gets the
 * exception's types and frames under that reference. An expected (4xx) error must not tell one clinic that an id
 * exists in another. A server too busy to lend the request a database connection says so (503), which a client may
 * retry, rather than reporting a failure.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class SafeErrorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorInterceptor.class);
    private static final Pattern FOREIGN_REFERENCE_PATH = Pattern.compile("\\.where\\(resolve\\(\\) is \\w+\\)");
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String FOREIGN_JOB = "Invalid partition in request for Job ID ";
    private static final String UNKNOWN_JOB = "HAPI-2040: Unknown instance ID: %s. Please check if the input job ID is valid.";

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException hideInternals(
            RequestDetails request, Throwable exception, HttpServletRequest servletRequest) {
        if (exception instanceof BaseServerResponseException known && known.getStatusCode() < 500) {
            // before uniform(): HAPI wraps its stale-version conflict in HAPI-0550, which uniform() rewords
            BaseServerResponseException stale = IfMatchStatus.of(request, known);
            return stale != known ? stale : uniform(known);
        }
        if (causedBy(exception, SQLTransientConnectionException.class)) {
            log.warn("Busy: no database connection for {} on tenant {} within the pool's timeout; answered 503",
                    request.getRestOperationType(), request.getTenantId());
            return busy();
        }
        DataFormatException badValue = firstOf(exception, DataFormatException.class);
        if (badValue != null && SearchOperations.isSearch(request.getRestOperationType())) {
            // HAPI parses a search's values only when it runs the search, and reports a bad one as a 500
            return new InvalidRequestException(badValue.getMessage());
        }
        if (statementTimedOut(exception)) {
            log.warn("Too costly: a statement of {} on tenant {} ran past the statement timeout and was cancelled; "
                    + "answered 503", request.getRestOperationType(), request.getTenantId());
            return tooCostly();
        }
        String reference = UUID.randomUUID().toString();
        // Exception messages can quote patient data (a constraint violation names the values), so the log gets the
        // types and frames only; the messages are logged at DEBUG for a developer's own machine.
        log.error(
                "Internal error {} in {} on tenant {}: {}",
                reference,
                request.getRestOperationType(),
                request.getTenantId(),
                describeWithoutMessages(exception));
        log.debug("Internal error {} in full", reference, exception);
        return new InternalErrorException("The server could not complete this request (error reference " + reference
                + "). The error has been logged.");
    }

    /**
     * HAPI words a reference to an id stored in another partition differently from a reference to an id stored nowhere
     * (it adds the search path's {@code .where(resolve() is Type)}); one wording for both keeps other clinics' ids secret.
     */
    static BaseServerResponseException uniform(BaseServerResponseException exception) {
        String message = exception.getMessage();
        DuplicateResourceException duplicate = firstOf(exception, DuplicateResourceException.class);
        if (duplicate != null) {
            return duplicate;
        }
        if (message != null && message.contains("HAPI-0550")) {
            // a database constraint HAPI reports as 409 quotes the SQL and its values, which can be identifiers
            log.warn("Write refused by a database constraint: {}", describeWithoutMessages(exception));
            return new ResourceVersionConflictException("HAPI-0550: The write conflicts with data already stored "
                    + "(a value that must be unique, or a concurrent write of the same data); nothing was stored");
        }
        if (message != null && message.contains(FOREIGN_JOB)) {
            // another clinic's export job: worded as HAPI words a job id it has never seen, with the same status
            String jobId = message.substring(message.indexOf(FOREIGN_JOB) + FOREIGN_JOB.length()).trim();
            return new ResourceNotFoundException(UNKNOWN_JOB.formatted(jobId));
        }
        if (message == null || !message.contains("HAPI-1094")) {
            return exception;
        }
        String plain = FOREIGN_REFERENCE_PATH.matcher(message).replaceAll("");
        if (plain.equals(message)) {
            return exception;
        }
        return new InvalidRequestException(plain);
    }

    static final String BUSY = "The server is too busy to handle this request now: no database connection became"
            + " free in time. Retry after " + RETRY_AFTER_SECONDS + " seconds.";

    /** What a client is told when no database connection became free in time, whichever layer found it. */
    static OperationOutcome busyOutcome() {
        return outcome(OperationOutcome.IssueType.TRANSIENT, BUSY);
    }

    static BaseServerResponseException busy() {
        return unavailable(BUSY, busyOutcome());
    }

    static final String TOO_COSTLY = "This request's database work ran longer than the server allows for one statement"
            + " (cura.limits.statement-timeout) and was cancelled; nothing was changed. Narrow the search, or retry"
            + " after " + RETRY_AFTER_SECONDS + " seconds if the server is busy.";

    static OperationOutcome tooCostlyOutcome() {
        return outcome(OperationOutcome.IssueType.TOOCOSTLY, TOO_COSTLY);
    }

    static BaseServerResponseException tooCostly() {
        return unavailable(TOO_COSTLY, tooCostlyOutcome());
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }

    /** 503 with {@code Retry-After}: the request may succeed later. */
    private static BaseServerResponseException unavailable(String message, OperationOutcome outcome) {
        BaseServerResponseException unavailable = new UnclassifiedServerFailureException(503, message, outcome);
        unavailable.addResponseHeader("Retry-After", RETRY_AFTER_SECONDS);
        return unavailable;
    }

    /** PostgreSQL cancelled a statement (SQLSTATE 57014: its statement_timeout), however the layers above wrap it. */
    static boolean statementTimedOut(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> T firstOf(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String describeWithoutMessages(Throwable exception) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == exception ? "" : "\n  caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                out.append("\n    at ").append(frames[i]);
            }
        }
        return out.toString();
    }
}
