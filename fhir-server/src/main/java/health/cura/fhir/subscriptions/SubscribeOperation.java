package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$subscribe}: subscribes a clinic that has no current subscription (none yet, or its last
 * cancelled) to a package. A clinic already subscribed changes package instead. Platform only.
 */
public class SubscribeOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("subscribe", "Subscribe a clinic to a package",
                    "Subscribes the clinic, which has no current subscription, to the package: in trial for the "
                            + "days given, else active for one billing cycle. Recorded with who.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("packageId", "string", 1, "1", "the package (saas_packages id)")
            .in("trialDays", "integer", 0, "1", "days of trial first (0 to 365)")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("subscriptionStatus", "string", 1, "1", "active")
            .out("organizationStatus", "string", 1, "1", "trial or active")
            .build();

    private final ClinicLifecycle lifecycle;
    private final Subscriptions subscriptions;

    public SubscribeOperation(ClinicLifecycle lifecycle, Subscriptions subscriptions) {
        this.lifecycle = lifecycle;
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$subscribe", idempotent = false)
    public Parameters subscribe(@OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "packageId", min = 1) StringType packageId,
            @OperationParam(name = "trialDays") IntegerType trialDays, RequestDetails request) {
        Tenant clinic = lifecycle.clinic(tenant);
        String plan = packageId == null ? null : packageId.getValue();
        Integer trial = trialDays == null ? null : trialDays.getValue();
        subscriptions.check(plan, trial);
        subscriptions.current(clinic.id()).filter(status -> !"cancelled".equals(status)).ifPresent(status -> {
            throw Refusals.conflict("tenant", "The clinic is subscribed already (" + status + "): change its "
                    + "package instead");
        });
        subscriptions.start(clinic, plan, trial, ClinicLifecycle.actor(request));
        return ClinicLifecycle.answer(clinic, lifecycle.standing(clinic));
    }
}
