package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$suspend}: the clinic reads only, from the next request: every write is refused with 402
 * until {@code $reactivate}. Platform only; a cancelled clinic is not suspended.
 */
public class SuspendClinicOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("suspend", "Suspend a clinic",
                    "Suspends the clinic's subscription: from the next request its records can be read, not "
                            + "changed (writes 402), until $reactivate. Recorded with who and why.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("reason", "string", 1, "1", "why, as the clinic is told")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("subscriptionStatus", "string", 1, "1", "suspended")
            .out("organizationStatus", "string", 1, "1", "suspended")
            .build();

    private final ClinicLifecycle lifecycle;

    public SuspendClinicOperation(ClinicLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$suspend", idempotent = false)
    public Parameters suspend(@OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "reason", min = 1) StringType reason, RequestDetails request) {
        Tenant clinic = lifecycle.clinic(tenant);
        String why = ClinicLifecycle.reason(reason, true);
        if (lifecycle.standing(clinic) == Standing.CANCELLED) {
            throw Refusals.conflict("tenant", "The clinic's subscription is cancelled: a closed clinic is not "
                    + "suspended");
        }
        return lifecycle.move(clinic, Standing.SUSPENDED, "suspend", why, request);
    }
}
