package health.cura.fhir.billing;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The billing operations' refusals: an OperationOutcome that names the parameter or element at fault. */
public final class BillingOutcomes {

    private BillingOutcomes() {}

    /** 400: a parameter that is missing or malformed. */
    public static InvalidRequestException badParameter(String parameter, String message) {
        return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, parameter, message));
    }

    /** 422: well-formed, but the invoice's state or balance does not allow it. */
    public static UnprocessableEntityException refused(String expression, String message) {
        return new UnprocessableEntityException(message,
                outcome(OperationOutcome.IssueType.BUSINESSRULE, expression, message));
    }

    /** 422 naming each of several problems, one issue each. */
    static UnprocessableEntityException refusedAll(java.util.List<health.cura.mappings.billing.ClaimChecks.Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (var problem : problems) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.REQUIRED).setDiagnostics(problem.message())
                    .addExpression(problem.expression());
        }
        String message = String.join("; ", problems.stream().map(p -> p.message()).toList());
        return new UnprocessableEntityException(message, outcome);
    }

    /** 409: another record holds what this one needs (a transaction id, on a database with global ids). */
    static BaseServerResponseException conflict(String expression, String message) {
        ResourceVersionConflictException conflict = new ResourceVersionConflictException(message);
        conflict.setOperationOutcome(outcome(OperationOutcome.IssueType.CONFLICT, expression, message));
        return conflict;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message)
                .addExpression(expression);
        return outcome;
    }
}
