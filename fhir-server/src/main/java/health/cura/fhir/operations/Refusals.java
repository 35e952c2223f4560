package health.cura.fhir.operations;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** An operation's refusals: an OperationOutcome whose one issue names the parameter or element at fault. */
public final class Refusals {

    private Refusals() {}

    /** 400: a parameter that is missing or malformed. */
    public static InvalidRequestException badParameter(String parameter, String message) {
        return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, parameter, message));
    }

    /** 422: well-formed, but the records' state does not allow it. */
    public static UnprocessableEntityException refused(String expression, String message) {
        return new UnprocessableEntityException(message,
                outcome(OperationOutcome.IssueType.BUSINESSRULE, expression, message));
    }

    /** 409: what the operation needs is not there (stock), or another record holds it. */
    public static BaseServerResponseException conflict(String expression, String message) {
        ResourceVersionConflictException conflict = new ResourceVersionConflictException(message);
        conflict.setOperationOutcome(outcome(OperationOutcome.IssueType.CONFLICT, expression, message));
        return conflict;
    }

    public static OperationOutcome outcome(OperationOutcome.IssueType type, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message)
                .addExpression(expression);
        return outcome;
    }
}
