package health.cura.fhir.subscriptions;

import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's billing of its clinics, run on a schedule with the time it is given: a subscription whose period
 * has ended is cancelled if so asked, else renewed for one more billing cycle with an invoice for it (the credit of a
 * downgrade taken off); a trial that ends with no payment method on file leaves the subscription past due; an invoice
 * unpaid after its due date is {@code overdue} and its subscription past due; a subscription past due for the grace
 * period after the due date is suspended. Safe on several nodes: each subscription is handled under its row's lock,
 * taken without waiting ({@code SKIP LOCKED}), and every step checks again what it changes.
 */
public class SaasBilling {

    private static final Logger log = LoggerFactory.getLogger(SaasBilling.class);
    /** Who the billing job's moves are recorded as, in {@code cura_platform_actions}. */
    public static final String ACTOR = "cura-billing";
    /** Periods renewed at most in one run for one subscription, when the server was down for long. */
    private static final int CATCH_UP = 24;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SaasInvoices invoices;
    private final ClinicStandings standings;
    private final ClinicLifecycle lifecycle;
    private final TenantDirectory tenants;
    private final PlatformSettings settings;

    public SaasBilling(JdbcTemplate jdbc, TransactionTemplate transactions, SaasInvoices invoices,
            ClinicStandings standings, ClinicLifecycle lifecycle, TenantDirectory tenants, PlatformSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.invoices = invoices;
        this.standings = standings;
        this.lifecycle = lifecycle;
        this.tenants = tenants;
        this.settings = settings;
    }

    /** One pass at {@code at}; the invoices it issued. */
    public List<String> run(Instant at) {
        LocalDateTime now = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        List<String> issued = new ArrayList<>();
        for (Integer id : jdbc.queryForList("""
                SELECT id FROM saas_subscriptions WHERE status IN ('active', 'past_due') AND current_period_end <= ?
                ORDER BY id""", Integer.class, Timestamp.valueOf(now))) {
            issued.addAll(transactions.execute(status -> SubscriptionRow.lock(jdbc, id)
                    .map(row -> renew(row, now)).orElse(List.of())));
        }
        markOverdue(now);
        suspendAfterGrace(now);
        if (!issued.isEmpty()) {
            log.info("Issued {} SaaS invoices", issued.size());
        }
        return issued;
    }

    private List<String> renew(SubscriptionRow row, LocalDateTime now) {
        if (!List.of("active", "past_due").contains(row.status()) || row.periodEnd().isAfter(now)) {
            return List.of();
        }
        Tenant clinic = tenants.findById(row.organizationId()).orElse(null);
        if (clinic == null) {
            return List.of();
        }
        if (row.cancelAtPeriodEnd()) {
            standings.set(row.organizationId(), Standing.CANCELLED);
            lifecycle.record(clinic, "cancel", "Cancelled at the end of its period, as asked", ACTOR);
            return List.of();
        }
        boolean trialEnds = row.trialEnd().filter(end -> !end.isAfter(now) && !end.isBefore(row.periodEnd()))
                .isPresent();
        List<String> issued = new ArrayList<>();
        LocalDateTime start = row.periodEnd();
        LocalDateTime end = row.nextEnd(start);
        BigDecimal credit = row.credit();
        for (int i = 0; i < CATCH_UP; i++) {
            List<SaasInvoices.Line> lines = new ArrayList<>();
            lines.add(new SaasInvoices.Line(row.packageName() + ", " + start.toLocalDate() + " to "
                    + end.toLocalDate(), row.price()));
            BigDecimal used = credit.min(row.price());
            if (used.signum() > 0) {
                lines.add(new SaasInvoices.Line("Credit from a change of package", used.negate()));
                credit = credit.subtract(used);
            }
            issued.add(invoices.issue(row.organizationId(), row.id(), start, end, lines, now, null).number());
            if (end.isAfter(now)) {
                break;
            }
            start = end;
            end = row.nextEnd(start);
        }
        jdbc.update("""
                UPDATE saas_subscriptions SET current_period_start = ?, current_period_end = ?, updated_at = now(),
                    metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), '{credit}', to_jsonb(?::text))
                WHERE id = ?""", Timestamp.valueOf(start), Timestamp.valueOf(end), credit.toPlainString(), row.id());
        Standing standing = standings.of(row.organizationId());
        if (trialEnds && row.paymentMethod().isEmpty()) {
            standings.set(row.organizationId(), Standing.PAST_DUE);
            lifecycle.record(clinic, "past-due", "The trial ended with no payment method on file", ACTOR);
        } else if (standing == Standing.TRIAL) {
            standings.set(row.organizationId(), Standing.ACTIVE);
        }
        return issued;
    }

    private void markOverdue(LocalDateTime now) {
        for (Integer id : jdbc.queryForList("""
                SELECT DISTINCT i.subscription_id FROM saas_invoices i
                WHERE i.status = 'sent' AND i.due_date < ?""", Integer.class, Timestamp.valueOf(now))) {
            transactions.executeWithoutResult(status -> SubscriptionRow.lock(jdbc, id).ifPresent(row -> {
                int marked = jdbc.update("UPDATE saas_invoices SET status = 'overdue', updated_at = now() "
                        + "WHERE subscription_id = ? AND status = 'sent' AND due_date < ?", id,
                        Timestamp.valueOf(now));
                if (marked > 0 && "active".equals(row.status()) && isLatest(row)) {
                    standings.set(row.organizationId(), Standing.PAST_DUE);
                    tenants.findById(row.organizationId()).ifPresent(clinic -> lifecycle.record(clinic, "past-due",
                            "A SaaS invoice is unpaid after its due date", ACTOR));
                }
            }));
        }
    }

    private void suspendAfterGrace(LocalDateTime now) {
        LocalDateTime dueBefore = now.minus(settings.gracePeriod());
        for (Integer id : jdbc.queryForList("""
                SELECT s.id FROM saas_subscriptions s WHERE s.status = 'past_due' AND EXISTS (
                    SELECT 1 FROM saas_invoices i WHERE i.subscription_id = s.id AND i.status IN ('sent', 'overdue')
                      AND i.due_date < ?)""", Integer.class, Timestamp.valueOf(dueBefore))) {
            transactions.executeWithoutResult(status -> SubscriptionRow.lock(jdbc, id)
                    .filter(row -> "past_due".equals(row.status()) && isLatest(row)).ifPresent(row -> {
                        String number = jdbc.queryForObject("""
                                SELECT invoice_number FROM saas_invoices WHERE subscription_id = ?
                                  AND status IN ('sent', 'overdue') ORDER BY due_date LIMIT 1""", String.class, id);
                        standings.set(row.organizationId(), Standing.SUSPENDED);
                        tenants.findById(row.organizationId()).ifPresent(clinic -> lifecycle.record(clinic,
                                "suspend", "Invoice " + number + " unpaid past the grace period", ACTOR));
                    }));
        }
    }

    private boolean isLatest(SubscriptionRow row) {
        return Integer.valueOf(row.id()).equals(jdbc.queryForObject("SELECT max(id) FROM saas_subscriptions WHERE "
                + "organization_id = ?", Integer.class, row.organizationId()));
    }
}
