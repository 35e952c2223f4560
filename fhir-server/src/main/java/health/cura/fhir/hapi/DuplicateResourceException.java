package health.cura.fhir.hapi;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * 409: a write that would duplicate what the clinic already holds (a second patient with one NHS number), refused by
 * one of our hooks with an OperationOutcome naming what it duplicates. HAPI's transaction rethrows a conflict under
 * its own code, as it does a database constraint's; {@link SafeErrorInterceptor} tells this one apart and answers it
 * as raised, where a constraint's is reworded so that no SQL or value leaks.
 */
public class DuplicateResourceException extends ResourceVersionConflictException {

    public DuplicateResourceException(String message, OperationOutcome outcome) {
        super(message, outcome);
    }
}
