package health.cura.fhir.hapi;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A write whose {@code If-Match} names a version that is no longer current fails its precondition: FHIR (and RFC 9110)
 * answer 412 Precondition Failed. HAPI answers 409 Conflict, which FHIR keeps for a write that conflicts otherwise
 * (a delete still referenced, a concurrent write without a precondition, an NHS number another patient holds): only
 * HAPI's stale-version conflict (on update, patch and delete, as HAPI-0550 wraps them)
 * becomes 412.
 */
final class IfMatchStatus {

    private static final Set<RestOperationTypeEnum> VERSIONED_WRITES = Set.of(
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    /** The words of HAPI's stale-version conflicts; a HAPI upgrade that rewords them fails the If-Match tests. */
    private static final List<String> NOT_CURRENT = List.of(
            "but this is not the current version", "is not the most recent version of this resource");

    private IfMatchStatus() {
    }

    static BaseServerResponseException of(RequestDetails request, BaseServerResponseException exception) {
        if (!(exception instanceof ResourceVersionConflictException)
                || request == null
                || request.getHeader("If-Match") == null
                || !VERSIONED_WRITES.contains(request.getRestOperationType())
                || exception.getMessage() == null
                || NOT_CURRENT.stream().noneMatch(exception.getMessage()::contains)) {
            return exception;
        }
        return preconditionFailed(request.getHeader("If-Match"));
    }

    static PreconditionFailedException preconditionFailed(String ifMatch) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.CONFLICT)
                .setDiagnostics("If-Match " + ifMatch + " does not name the current version;"
                        + " nothing was changed. Read the resource again and retry with its current ETag.");
        return new PreconditionFailedException(outcome.getIssueFirstRep().getDiagnostics(), outcome);
    }
}
