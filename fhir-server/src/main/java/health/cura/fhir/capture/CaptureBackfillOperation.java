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
 * {@code POST /fhir/DEFAULT/$capture-backfill}: brings every row of a mapped table that has no resource into FHIR
 * (rows written while no server ran, or a table restored from a backup), in the background; answers as
 * {@code $capture-status} does. A backfill under way is reported, not started twice.
 */
public final class CaptureBackfillOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = CaptureStatusParameters.declare(OperationDefinitions
            .operation("capture-backfill", "Backfill rows without a resource",
                    "Starts bringing every row of the mapped Cura tables that has no FHIR resource into FHIR, in the "
                            + "background and resumable; a backfill already under way goes on. Answers its progress.")
            .system()
            .changesState()).build();

    private final BackfillRunner runner;
    private final Backfill backfill;
    private final CaptureBacklog backlog;
    private final Clock clock;

    public CaptureBackfillOperation(BackfillRunner runner, Backfill backfill, CaptureBacklog backlog, Clock clock) {
        this.runner = runner;
        this.backfill = backfill;
        this.backlog = backlog;
        this.clock = clock;
    }

    @Operation(name = "$capture-backfill", idempotent = false)
    public Parameters captureBackfill() {
        runner.startBackfill();
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
