package health.cura.fhir.billing;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.operations.Refusals;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The billing operations' refusals: an OperationOutcome that names the parameter or element at fault. */
public final class BillingOutcomes {

    private BillingOutcomes() {}

    /** 400: a parameter that is missing or malformed. */
    public static InvalidRequestException badParameter(String parameter, String message) {
        return Refusals.badParameter(parameter, message);
    }

    /** 422: well-formed, but the invoice's state or balance does not allow it. */
    public static UnprocessableEntityException refused(String expression, String message) {
        return Refusals.refused(expression, message);
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
        return Refusals.conflict(expression, message);
    }
}
