package health.cura.fhir.capture;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import java.util.Date;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET /fhir/DEFAULT/$capture-parked}: the changes other software made that could not be applied, oldest first,
 * each with the reason in words an administrator can act on (the column and what is wrong with it, never the row's
 * values), of one clinic ({@code tenant}) or of all.
 */
public final class ParkedChangesOperation implements CuraOperation {

    private static final int MAXIMUM = 1_000;
    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("capture-parked", "Parked changes",
                    "The changes made to the Cura tables by other software that could not be brought into FHIR, "
                            + "each with its reason; fix the row (a change applies it) or retry with $capture-retry.")
            .system()
            .in("tenant", "string", 0, "1", "only this clinic's (its subdomain)")
            .in("count", "integer", 0, "1", "at most this many, from 1 to 1000 (100 when absent)")
            .out("change", null, 0, "*", "a parked change")
            .part("id", "string", 1, "1", "the change's id, for $capture-retry")
            .part("tenant", "string", 0, "1", "the clinic's subdomain")
            .part("table", "string", 1, "1", "the table")
            .part("row", "integer", 1, "1", "the row's id")
            .part("operation", "code", 1, "1", "I (insert) | U (update) | D (delete) | B (backfill)")
            .part("reason", "string", 1, "1", "why it could not be applied")
            .part("attempts", "integer", 1, "1", "how often it was tried")
            .part("parkedAt", "instant", 1, "1", "when it was parked")
            .build();

    private final ParkedChanges parked;
    private final CaptureClinics clinics;

    public ParkedChangesOperation(ParkedChanges parked, CaptureClinics clinics) {
        this.parked = parked;
        this.clinics = clinics;
    }

    @Operation(name = "$capture-parked", idempotent = true)
    public Parameters captureParked(
            @OperationParam(name = "tenant") StringType tenant,
            @OperationParam(name = "count") IntegerType count) {
        int limit = count == null || count.getValue() == null ? 100 : count.getValue();
        if (limit < 1 || limit > MAXIMUM) {
            throw new InvalidRequestException("Parameter 'count' must be from 1 to " + MAXIMUM);
        }
        Parameters out = new Parameters();
        for (ParkedChanges.Parked change : parked.list(clinic(tenant, clinics), limit)) {
            Parameters.ParametersParameterComponent entry = out.addParameter().setName("change");
            entry.addPart().setName("id").setValue(new StringType(Long.toString(change.id())));
            if (change.organizationId() != null) {
                clinics.subdomainOf(change.organizationId()).ifPresent(subdomain ->
                        entry.addPart().setName("tenant").setValue(new StringType(subdomain)));
            }
            entry.addPart().setName("table").setValue(new StringType(change.table()));
            entry.addPart().setName("row").setValue(new IntegerType(change.rowId()));
            entry.addPart().setName("operation").setValue(new CodeType(change.operation()));
            entry.addPart().setName("reason").setValue(new StringType(change.reason()));
            entry.addPart().setName("attempts").setValue(new IntegerType(change.attempts()));
            entry.addPart().setName("parkedAt").setValue(new InstantType(Date.from(change.parkedAt())));
        }
        return out;
    }

    /** The clinic a {@code tenant} parameter names; empty when it is absent; 400 when no clinic has it. */
    static OptionalInt clinic(StringType tenant, CaptureClinics clinics) {
        if (tenant == null || tenant.getValue() == null || tenant.getValue().isBlank()) {
            return OptionalInt.empty();
        }
        return clinics.organizationOf(tenant.getValue()).map(OptionalInt::of).orElseThrow(() ->
                new InvalidRequestException("Parameter 'tenant': no clinic has the subdomain '" + tenant.getValue()
                        + "'"));
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
