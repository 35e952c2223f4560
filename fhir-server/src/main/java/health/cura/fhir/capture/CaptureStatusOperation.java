package health.cura.fhir.capture;

import ca.uhn.fhir.rest.annotation.Operation;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import java.time.Clock;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code GET /fhir/DEFAULT/$capture-status}: how far the backfill has got (rows done and left, rate, estimated time
 * left, per table) and how far behind the applier is (changes waiting, the oldest one's age, changes parked).
 */
public final class CaptureStatusOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = CaptureStatusParameters.declare(OperationDefinitions
            .operation("capture-status", "Change capture status",
                    "How far the backfill of rows without a resource has got, and how far behind the applying of "
                            + "changes other software makes to the Cura tables is.")
            .system()).build();

    private final Backfill backfill;
    private final CaptureBacklog backlog;
    private final Clock clock;

    public CaptureStatusOperation(Backfill backfill, CaptureBacklog backlog, Clock clock) {
        this.backfill = backfill;
        this.backlog = backlog;
        this.clock = clock;
    }

    @Operation(name = "$capture-status", idempotent = true)
    public Parameters captureStatus() {
        return CaptureStatusParameters.of(backfill.progress(), backlog.now(), clock.instant());
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.platformOnly();
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }
}
