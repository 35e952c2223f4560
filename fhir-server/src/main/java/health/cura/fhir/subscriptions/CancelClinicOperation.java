package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /fhir/DEFAULT/$cancel}: closes the clinic now (403 to every request; its data kept), or with
 * {@code atPeriodEnd} marks its subscription to end with the current period. Platform only.
 */
public class CancelClinicOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("cancel", "Cancel a clinic's subscription",
                    "Cancels the clinic's subscription: now (the clinic is closed from the next request, its data "
                            + "kept), or at the end of the current period (atPeriodEnd true; the clinic works until "
                            + "then). Recorded with who and why.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("atPeriodEnd", "boolean", 0, "1", "true: at the end of the current period; false or absent: now")
            .in("reason", "string", 1, "1", "why, as the clinic is told")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("subscriptionStatus", "string", 1, "1", "cancelled, or its status until the period ends")
            .out("organizationStatus", "string", 1, "1", "cancelled, or its status until the period ends")
            .out("cancelAtPeriodEnd", "boolean", 0, "1", "true when it ends with the period")
            .build();

    private final ClinicLifecycle lifecycle;
    private final JdbcTemplate jdbc;

    public CancelClinicOperation(ClinicLifecycle lifecycle, JdbcTemplate jdbc) {
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$cancel", idempotent = false)
    public Parameters cancel(@OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "atPeriodEnd") BooleanType atPeriodEnd,
            @OperationParam(name = "reason", min = 1) StringType reason, RequestDetails request) {
        Tenant clinic = lifecycle.clinic(tenant);
        String why = ClinicLifecycle.reason(reason, true);
        if (atPeriodEnd == null || !Boolean.TRUE.equals(atPeriodEnd.getValue())) {
            return lifecycle.move(clinic, Standing.CANCELLED, "cancel", why, request);
        }
        int marked = jdbc.update("""
                UPDATE saas_subscriptions SET cancel_at_period_end = true, updated_at = now()
                WHERE id = (SELECT max(id) FROM saas_subscriptions WHERE organization_id = ?)
                  AND status <> 'cancelled'""", clinic.id());
        if (marked == 0) {
            throw Refusals.conflict("atPeriodEnd", "The clinic has no current subscription whose period could end: "
                    + "cancel it now instead");
        }
        lifecycle.record(clinic, "cancel_at_period_end", why, ClinicLifecycle.actor(request));
        return ClinicLifecycle.answer(clinic, lifecycle.standing(clinic))
                .addParameter("cancelAtPeriodEnd", new BooleanType(true));
    }
}
