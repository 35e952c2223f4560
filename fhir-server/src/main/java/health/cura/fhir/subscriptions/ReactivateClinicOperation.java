package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.tenancy.Tenant;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/DEFAULT/$reactivate}: a suspended, past-due or cancelled clinic works again from the next request
 * (active; in trial while its subscription's trial has not ended). Platform only.
 */
public class ReactivateClinicOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("reactivate", "Reactivate a clinic",
                    "Reopens a suspended, past-due or cancelled clinic: from the next request it reads and writes "
                            + "again (active, or trial while its subscription's trial runs). Recorded with who and "
                            + "why.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("reason", "string", 0, "1", "why")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("subscriptionStatus", "string", 1, "1", "active")
            .out("organizationStatus", "string", 1, "1", "active or trial")
            .build();

    private final ClinicLifecycle lifecycle;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public ReactivateClinicOperation(ClinicLifecycle lifecycle, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$reactivate", idempotent = false)
    public Parameters reactivate(@OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "reason") StringType reason, RequestDetails request) {
        Tenant clinic = lifecycle.clinic(tenant);
        boolean inTrial = Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT coalesce((SELECT trial_end > now() FROM saas_subscriptions WHERE organization_id = ?
                                 ORDER BY id DESC LIMIT 1), false)""", Boolean.class, clinic.id()));
        return lifecycle.move(clinic, inTrial ? Standing.TRIAL : Standing.ACTIVE, "reactivate",
                ClinicLifecycle.reason(reason, false), request);
    }
}
