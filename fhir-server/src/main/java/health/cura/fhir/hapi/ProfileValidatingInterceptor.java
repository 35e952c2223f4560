package health.cura.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.interceptor.validation.IRepositoryValidatingRule;
import ca.uhn.fhir.jpa.interceptor.validation.RepositoryValidatingInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * HAPI's repository validator (on the storage pointcuts, so DAO writes are covered as well as REST), answering an
 * invalid resource the way FHIR asks: 422 Unprocessable Entity with the validator's OperationOutcome. HAPI's own answer
 * is 412 Precondition Failed, which clients read as a failed {@code If-Match}.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.VALIDATE)
public class ProfileValidatingInterceptor extends RepositoryValidatingInterceptor {

    public ProfileValidatingInterceptor(FhirContext fhirContext, List<IRepositoryValidatingRule> rules) {
        super(fhirContext, rules);
    }

    /**
     * The errors first, then the warnings; the validator's information notes (which slice an element did not match,
     * and the like) are left out, since they bury what the client has to fix.
     */
    static OperationOutcome worstFirst(OperationOutcome outcome) {
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = outcome.getIssue().stream()
                .filter(i -> i.getSeverity() != OperationOutcome.IssueSeverity.INFORMATION)
                .sorted(Comparator.comparing(OperationOutcome.OperationOutcomeIssueComponent::getSeverity))
                .toList();
        OperationOutcome sorted = new OperationOutcome();
        issues.forEach(sorted::addIssue);
        return sorted;
    }

    @Override
    protected void handleFailure(IRepositoryValidatingRule.RuleEvaluation evaluation) {
        if (evaluation.getOperationOutcome() instanceof OperationOutcome outcome) {
            throw new UnprocessableEntityException("The resource does not conform to its profiles", worstFirst(outcome));
        }
        throw new UnprocessableEntityException(evaluation.getFailureDescription());
    }
}
