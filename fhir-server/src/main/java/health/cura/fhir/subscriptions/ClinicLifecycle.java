package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the lifecycle operations ({@code $suspend}, {@code $reactivate}, {@code $cancel}) share: the clinic named by
 * {@code tenant}, the move of its {@link Standing} (both columns, by the one table), and the record of the platform
 * owner's action ({@code cura_platform_actions}) in the same transaction.
 */
public class ClinicLifecycle {

    private final TenantDirectory tenants;
    private final ClinicStandings standings;
    private final TransactionTemplate transactions;
    private final PlatformActions actions;

    public ClinicLifecycle(TenantDirectory tenants, ClinicStandings standings, TransactionTemplate transactions,
            PlatformActions actions) {
        this.actions = actions;
        this.tenants = tenants;
        this.standings = standings;
        this.transactions = transactions;
    }

    public Tenant clinic(StringType tenant) {
        String subdomain = tenant == null || tenant.getValue() == null ? "" : tenant.getValue().trim();
        if (subdomain.isEmpty()) {
            throw Refusals.badParameter("tenant", "tenant is the clinic's subdomain");
        }
        return tenants.findBySubdomain(subdomain).orElseThrow(() -> new ResourceNotFoundException(
                "No clinic " + subdomain));
    }

    public Standing standing(Tenant clinic) {
        return standings.of(clinic.id());
    }

    public static String reason(StringType reason, boolean required) {
        String why = reason == null || reason.getValue() == null ? "" : reason.getValue().trim();
        if (required && why.isEmpty()) {
            throw Refusals.badParameter("reason", "reason is required: the clinic is told why");
        }
        if (why.length() > 1000) {
            throw Refusals.badParameter("reason", "reason is at most 1000 characters");
        }
        return why.isEmpty() ? null : why;
    }

    /** Moves the clinic and records who did it and why; answers the clinic's standing now. */
    public Parameters move(Tenant clinic, Standing to, String action, String reason, RequestDetails request) {
        String actor = actor(request);
        transactions.executeWithoutResult(status -> {
            standings.set(clinic.id(), to);
            record(clinic, action, reason, actor);
        });
        return answer(clinic, to);
    }

    /** Who acted: the platform owner's account or the platform's backend client. */
    public static String actor(RequestDetails request) {
        return RequestGrants.of(request).map(AccessGrant::subject).orElse("platform");
    }

    public void record(Tenant clinic, String action, String reason, String actor) {
        actions.onClinic(clinic.id(), action, reason, actor);
    }

    public static Parameters answer(Tenant clinic, Standing standing) {
        return new Parameters().addParameter("tenant", new StringType(clinic.subdomain()))
                .addParameter("subscriptionStatus", new StringType(standing.subscriptionStatus()))
                .addParameter("organizationStatus", new StringType(standing.organizationStatus()));
    }
}
