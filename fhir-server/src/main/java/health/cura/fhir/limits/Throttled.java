package health.cura.fhir.limits;

import health.cura.fhir.hapi.OperationOutcomeErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The answer to a request over one of the limits: 429, {@code Retry-After} in whole seconds, an OperationOutcome. */
public final class Throttled {

    private Throttled() {}

    public static void answer(HttpServletResponse response, Duration retryAfter, String why) throws IOException {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.THROTTLED)
                .setDiagnostics(why + " Retry after " + seconds + " second(s).");
        OperationOutcomeErrors.write(response, outcome);
    }
}
