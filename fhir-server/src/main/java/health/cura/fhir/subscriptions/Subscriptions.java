package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.NewTenantPlan;
import health.cura.fhir.tenancy.Tenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinics' subscriptions ({@code saas_subscriptions}): a new one starts now, in trial for the days given (its
 * first period then starts when the trial ends) or active for one billing cycle of its package, and moves the
 * clinic's standing to match. Times in UTC.
 */
public class Subscriptions implements NewTenantPlan {

    private static final int LONGEST_TRIAL = 365;

    private final JdbcTemplate jdbc;
    private final ClinicStandings standings;
    private final ClinicPlans plans;
    private final SaasInvoices invoices;
    private final PlatformSettings settings;
    private final PlatformActions actions;
    private final Clock clock;

    public Subscriptions(JdbcTemplate jdbc, ClinicStandings standings, ClinicPlans plans, SaasInvoices invoices,
            PlatformSettings settings, PlatformActions actions, Clock clock) {
        this.actions = actions;
        this.settings = settings;
        this.jdbc = jdbc;
        this.standings = standings;
        this.plans = plans;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public void check(String packageId, Integer trialDays) {
        cycleOf(packageId);
        if (trialDays != null && (trialDays < 0 || trialDays > LONGEST_TRIAL)) {
            throw Refusals.badParameter("trialDays", "trialDays is 0 to " + LONGEST_TRIAL);
        }
    }

    @Override
    public void start(Tenant clinic, String packageId, Integer trialDays, String actor) {
        check(packageId, trialDays);
        String cycle = cycleOf(packageId);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        int days = trialDays != null ? trialDays : settings.defaultTrialDays();
        boolean trial = days > 0;
        LocalDateTime trialEnd = trial ? now.plusDays(days) : null;
        LocalDateTime periodEnd = trial ? trialEnd : "yearly".equals(cycle) ? now.plusYears(1) : now.plusMonths(1);
        int subscription = jdbc.queryForObject("""
                INSERT INTO saas_subscriptions (organization_id, package_id, status, current_period_start,
                    current_period_end, trial_end) VALUES (?, ?, 'active', ?, ?, ?) RETURNING id""", Integer.class,
                clinic.id(), Integer.parseInt(packageId), Timestamp.valueOf(now), Timestamp.valueOf(periodEnd),
                trialEnd == null ? null : Timestamp.valueOf(trialEnd));
        if (!trial) {
            // a trial's first invoice is the billing job's, when the trial ends
            Map<String, Object> offered = jdbc.queryForMap("SELECT name, price FROM saas_packages WHERE id = ?",
                    Integer.parseInt(packageId));
            invoices.issue(clinic.id(), subscription, now, periodEnd, java.util.List.of(new SaasInvoices.Line(
                    offered.get("name") + ", " + now.toLocalDate() + " to " + periodEnd.toLocalDate(),
                    (java.math.BigDecimal) offered.get("price"))), now, null);
        }
        standings.set(clinic.id(), trial ? Standing.TRIAL : Standing.ACTIVE);
        actions.onClinic(clinic.id(), "subscribe", "package " + packageId + (trial ? ", " + days + " days' trial"
                : ""), actor);
        plans.forget(clinic.id());
    }

    /** The clinic's latest subscription's status, if it has one. */
    public Optional<String> current(int organizationId) {
        return jdbc.queryForList("SELECT status FROM saas_subscriptions WHERE organization_id = ? ORDER BY id DESC "
                + "LIMIT 1", String.class, organizationId).stream().findFirst();
    }

    /** The billing cycle of a package that can be subscribed to; 404 for none, 422 for one withdrawn. */
    private String cycleOf(String packageId) {
        int id;
        try {
            id = Integer.parseInt(packageId == null ? "" : packageId.trim());
        } catch (NumberFormatException e) {
            throw Refusals.badParameter("packageId", "packageId is the package's id, as $create-package answered it");
        }
        Map<String, Object> found = jdbc.queryForList("SELECT billing_cycle, is_active FROM saas_packages WHERE "
                + "id = ?", id).stream().findFirst().orElseThrow(() -> new ResourceNotFoundException("No package "
                + id));
        if (!Boolean.TRUE.equals(found.get("is_active"))) {
            throw Refusals.refused("packageId", "Package " + id + " is no longer offered");
        }
        return (String) found.get("billing_cycle");
    }
}
