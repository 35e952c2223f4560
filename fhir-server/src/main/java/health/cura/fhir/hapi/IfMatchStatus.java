package health.cura.fhir.hapi;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A write whose {@code If-Match} names a version that is no longer current fails its precondition: FHIR (and RFC 9110)
 * answer 412 Precondition Failed. HAPI answers 409 Conflict, which FHIR keeps for a write that conflicts otherwise
 * (a delete still referenced, a concurrent write without a precondition).
 */
final class IfMatchStatus {

    private static final Set<RestOperationTypeEnum> VERSIONED_WRITES = Set.of(
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private IfMatchStatus() {
    }

    static BaseServerResponseException of(RequestDetails request, BaseServerResponseException exception) {
        if (!(exception instanceof ResourceVersionConflictException)
                || request == null
                || request.getHeader("If-Match") == null
                || !VERSIONED_WRITES.contains(request.getRestOperationType())) {
            return exception;
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.CONFLICT)
                .setDiagnostics("If-Match " + request.getHeader("If-Match") + " does not name the current version;"
                        + " nothing was changed. Read the resource again and retry with its current ETag.");
        return new PreconditionFailedException(outcome.getIssueFirstRep().getDiagnostics(), outcome);
    }
}
