package health.cura.fhir.admin;

import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What a refusal of the server means, said to a receptionist. The server's own explanation follows where it is
 * written for people (plan limits, validation), never a stack trace or SQL: the FHIR answers carry neither.
 */
final class ConsoleWords {

    private ConsoleWords() {}

    /** {@code change}: the request would have written (a form posted), not only read. */
    static String refusal(int status, OperationOutcome outcome, boolean change) {
        String why = outcome == null ? "" : outcome.getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .filter(text -> text != null && !text.isBlank())
                .distinct()
                .collect(Collectors.joining(" "));
        String said = switch (status) {
            case 400, 422 -> change ? "That could not be saved: some details are missing or not valid."
                    : "That could not be looked up: something asked for is not valid.";
            case 401, 403 -> "You do not have permission to do that.";
            case 402 -> "Your clinic's subscription does not allow this just now.";
            case 404, 410 -> "That record was not found. It may have been removed.";
            case 409, 412 -> "Someone else changed this record at the same time. Reload the page and try again.";
            case 429 -> "Too many requests just now. Please wait a moment and try again.";
            default -> "Something went wrong on the server. Please try again; if it keeps happening, tell your "
                    + "clinic's administrator.";
        };
        return status >= 500 || why.isEmpty() ? said : said + " " + why;
    }
}
