package health.cura.fhir.capture;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$capture-retry}: applies parked changes again, the named ones ({@code change}, repeated)
 * or every one of a clinic ({@code tenant} alone), once whatever was wrong has been fixed (a missing patient row
 * written, a code corrected); one that still fails is parked again with its reason.
 */
public final class RetryParkedChangesOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("capture-retry", "Retry parked changes",
                    "Queues parked changes to be applied again, as their rows are now: those named by 'change', or "
                            + "all of the clinic named by 'tenant'.")
            .system()
            .changesState()
            .in("change", "string", 0, "*", "a parked change's id, as $capture-parked lists it")
            .in("tenant", "string", 0, "1", "the clinic (its subdomain): all its parked changes, or only those of "
                    + "its among the named ones")
            .out("retried", "integer", 1, "1", "how many rows were queued again")
            .build();

    private final ParkedChanges parked;
    private final ChangeWorker workers;
    private final CaptureClinics clinics;

    public RetryParkedChangesOperation(ParkedChanges parked, ChangeWorker workers, CaptureClinics clinics) {
        this.parked = parked;
        this.workers = workers;
        this.clinics = clinics;
    }

    @Operation(name = "$capture-retry", idempotent = false)
    public Parameters captureRetry(
            @OperationParam(name = "change", max = OperationParam.MAX_UNLIMITED) List<StringType> changes,
            @OperationParam(name = "tenant") StringType tenant) {
        OptionalInt clinic = ParkedChangesOperation.clinic(tenant, clinics);
        List<Long> ids = new ArrayList<>();
        for (StringType change : changes == null ? List.<StringType>of() : changes) {
            try {
                ids.add(Long.parseLong(change.getValue().trim()));
            } catch (NumberFormatException | NullPointerException e) {
                throw new InvalidRequestException("Parameter 'change': '" + change.getValue()
                        + "' is not the id of a parked change");
            }
        }
        if (ids.isEmpty() && clinic.isEmpty()) {
            throw new InvalidRequestException("Name the parked changes to retry ('change') or the clinic whose "
                    + "parked changes are all retried ('tenant')");
        }
        int retried = parked.retry(ids, clinic);
        workers.wakeAll();
        Parameters out = new Parameters();
        out.addParameter().setName("retried").setValue(new IntegerType(retried));
        return out;
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
