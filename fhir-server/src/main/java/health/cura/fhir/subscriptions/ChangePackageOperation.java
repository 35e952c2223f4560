package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.Tenant;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/DEFAULT/$change-package}: moves a clinic's current subscription to another package from now,
 * prorated to the day ({@link Proration}): what the clinic owes for the rest of the period is invoiced at once; a
 * credit (a cheaper package) is taken off its next invoices. Platform only.
 */
public class ChangePackageOperation extends PlatformOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("change-package", "Change a clinic's package",
                    "Moves the clinic's current subscription to another package from now, its limits and features "
                            + "at once. Prorated to the day: the unused days of the period are credited at the old "
                            + "package's price and charged at the new one's (a new billing cycle starts the period "
                            + "again and charges the whole price); a difference owed is invoiced at once, a credit is "
                            + "taken off the next invoices.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("packageId", "string", 1, "1", "the new package (saas_packages id)")
            .in("reason", "string", 0, "1", "why, as recorded")
            .out("tenant", "string", 1, "1", "the clinic")
            .out("packageId", "string", 1, "1", "the new package")
            .out("daysLeft", "integer", 1, "1", "days of the period left")
            .out("daysInPeriod", "integer", 1, "1", "the period's days")
            .out("credit", "Money", 1, "1", "credited of the old package")
            .out("charge", "Money", 1, "1", "charged of the new package")
            .out("invoiceNumber", "string", 0, "1", "the invoice of the difference, when the clinic owes one")
            .out("creditCarried", "Money", 1, "1", "credit the next invoices will take off")
            .build();

    private final ClinicLifecycle lifecycle;
    private final Subscriptions subscriptions;
    private final SaasInvoices invoices;
    private final ClinicPlans plans;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SaasProperties properties;
    private final Clock clock;

    public ChangePackageOperation(ClinicLifecycle lifecycle, Subscriptions subscriptions, SaasInvoices invoices,
            ClinicPlans plans, JdbcTemplate jdbc, TransactionTemplate transactions, SaasProperties properties,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.plans = plans;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$change-package", idempotent = false)
    public Parameters change(@OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "packageId", min = 1) StringType packageId,
            @OperationParam(name = "reason") StringType reason, RequestDetails request) {
        Tenant clinic = lifecycle.clinic(tenant);
        String why = ClinicLifecycle.reason(reason, false);
        String newId = packageId == null ? null : packageId.getValue();
        subscriptions.check(newId, null);
        Map<String, Object> offered = jdbc.queryForMap("SELECT id, name, price, billing_cycle FROM saas_packages "
                + "WHERE id = ?", Integer.parseInt(newId.trim()));
        Parameters answer = transactions.execute(status -> {
            SubscriptionRow row = SubscriptionRow.latestLocked(jdbc, clinic.id()).filter(s -> !"cancelled".equals(
                    s.status())).orElseThrow(() -> Refusals.conflict("tenant", "The clinic has no current "
                    + "subscription: $subscribe first"));
            if (row.packageId() == (Integer) offered.get("id")) {
                throw Refusals.conflict("packageId", "The clinic is on package " + row.packageId() + " already");
            }
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
            String cycle = (String) offered.get("billing_cycle");
            BigDecimal newPrice = (BigDecimal) offered.get("price");
            boolean inTrial = row.trialEnd().filter(end -> !row.periodEnd().isAfter(end)).isPresent();
            boolean sameCycle = cycle.equals(row.cycle());
            // a trial costs nothing: nothing is credited or charged, and the first period still starts at its end
            Proration proration = inTrial
                    ? new Proration(0, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2))
                    : Proration.of(row.periodStart().toLocalDate(), row.periodEnd().toLocalDate(), now.toLocalDate(),
                            row.price(), newPrice, sameCycle);
            LocalDateTime periodStart = row.periodStart();
            LocalDateTime periodEnd = row.periodEnd();
            if (!inTrial && !sameCycle) {
                periodStart = now;
                periodEnd = "yearly".equals(cycle) ? now.plusYears(1) : now.plusMonths(1);
            }
            BigDecimal credit = row.credit().add(proration.difference().negate());
            String number = null;
            if (credit.signum() < 0) {
                List<SaasInvoices.Line> lines = new java.util.ArrayList<>(List.of(
                        new SaasInvoices.Line("Unused days of " + row.packageName() + " (" + proration.daysLeft()
                                + " of " + proration.daysInPeriod() + ")", proration.credit().negate()),
                        new SaasInvoices.Line(sameCycle ? (offered.get("name") + " for the rest of the period ("
                                + proration.daysLeft() + " of " + proration.daysInPeriod() + " days)")
                                : offered.get("name") + ", " + now.toLocalDate() + " to " + periodEnd.toLocalDate(),
                                proration.charge())));
                if (row.credit().signum() > 0) {
                    lines.add(new SaasInvoices.Line("Credit from an earlier change of package",
                            row.credit().negate()));
                }
                number = invoices.issue(clinic.id(), row.id(), now, periodEnd, lines, now, "Change of package")
                        .number();
                credit = BigDecimal.ZERO;
            }
            jdbc.update("""
                    UPDATE saas_subscriptions SET package_id = ?, current_period_start = ?, current_period_end = ?,
                        updated_at = now(),
                        metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), '{credit}', to_jsonb(?::text))
                    WHERE id = ?""", offered.get("id"), Timestamp.valueOf(periodStart), Timestamp.valueOf(periodEnd),
                    credit.setScale(2).toPlainString(), row.id());
            lifecycle.record(clinic, "change-package", "From package " + row.packageId() + " to " + offered.get("id")
                    + (why == null ? "" : ": " + why), ClinicLifecycle.actor(request));
            Parameters out = new Parameters().addParameter("tenant", clinic.subdomain())
                    .addParameter("packageId", newId.trim())
                    .addParameter("daysLeft", new IntegerType(Math.toIntExact(proration.daysLeft())))
                    .addParameter("daysInPeriod", new IntegerType(Math.toIntExact(proration.daysInPeriod())))
                    .addParameter("credit", money(proration.credit()))
                    .addParameter("charge", money(proration.charge()));
            if (number != null) {
                out.addParameter("invoiceNumber", number);
            }
            return out.addParameter("creditCarried", money(credit));
        });
        plans.forget(clinic.id());
        return answer;
    }

    private Money money(BigDecimal amount) {
        Money money = new Money();
        money.setValue(amount.setScale(2));
        money.setCurrency(properties.currency());
        return money;
    }
}
