package health.cura.fhir.subscriptions;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tenancy.TenantDirectory;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir/DEFAULT/$record-saas-payment}: a clinic's payment of a SaaS invoice, in full, by cash, stripe,
 * paypal or bank_transfer, under the payment's transaction id: the same transaction id again answers as the first
 * time and records nothing more. The invoice is paid, a {@code saas_payments} row written, the method kept on file,
 * and a clinic past due (or suspended by the billing job) with nothing else unpaid is active again. Platform only.
 */
public class RecordSaasPaymentOperation extends PlatformOperation {

    static final Set<String> METHODS = Set.of("cash", "stripe", "paypal", "bank_transfer");

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("record-saas-payment", "Record a clinic's payment of a SaaS invoice",
                    "Records the payment of a SaaS invoice in full (cash | stripe | paypal | bank_transfer) under its "
                            + "transaction id, which makes a repeat harmless. A past-due clinic, or one the billing "
                            + "job suspended, with no other invoice unpaid is active again.")
            .system()
            .changesState()
            .in("invoiceNumber", "string", 1, "1", "the SaaS invoice paid (SAAS-...)")
            .in("amount", "Money", 1, "1", "the amount paid: the invoice's amount, in its currency")
            .in("method", "code", 1, "1", "cash | stripe | paypal | bank_transfer")
            .in("transactionId", "string", 1, "1", "the payment's id at its provider (or the receipt's number)")
            .out("invoiceNumber", "string", 1, "1", "the invoice")
            .out("invoiceStatus", "string", 1, "1", "paid")
            .out("paymentId", "string", 1, "1", "the saas_payments row")
            .out("subscriptionStatus", "string", 1, "1", "the subscription's status after the payment")
            .out("organizationStatus", "string", 1, "1", "the clinic's status after the payment")
            .build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ClinicStandings standings;
    private final ClinicLifecycle lifecycle;
    private final TenantDirectory tenants;
    private final Clock clock;

    public RecordSaasPaymentOperation(JdbcTemplate jdbc, TransactionTemplate transactions, ClinicStandings standings,
            ClinicLifecycle lifecycle, TenantDirectory tenants, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.standings = standings;
        this.lifecycle = lifecycle;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Operation(name = "$record-saas-payment", idempotent = false)
    public Parameters record(@OperationParam(name = "invoiceNumber", min = 1) StringType invoiceNumber,
            @OperationParam(name = "amount", min = 1) Money amount,
            @OperationParam(name = "method", min = 1) CodeType method,
            @OperationParam(name = "transactionId", min = 1) StringType transactionId, RequestDetails request) {
        String number = text(invoiceNumber, "invoiceNumber", 50);
        String transaction = text(transactionId, "transactionId", 200);
        String how = method == null || method.getValue() == null ? "" : method.getValue();
        if (!METHODS.contains(how)) {
            throw Refusals.badParameter("method", "method is cash, stripe, paypal or bank_transfer, not '" + how + "'");
        }
        if (amount == null || amount.getValue() == null || amount.getValue().signum() <= 0) {
            throw Refusals.badParameter("amount", "amount is the Money paid, more than 0");
        }
        return transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('saas_payments'), hashtext(?))", Object.class,
                    transaction);
            Optional<Map<String, Object>> before = jdbc.queryForList("""
                    SELECT id, invoice_number FROM saas_payments WHERE payment_provider = ?
                      AND provider_transaction_id = ?""", how, transaction).stream().findFirst();
            if (before.isPresent()) {
                if (!number.equals(before.get().get("invoice_number"))) {
                    throw Refusals.conflict("transactionId", "Transaction " + transaction + " paid another invoice");
                }
                return answer(number, (Integer) before.get().get("id"));
            }
            Map<String, Object> invoice = jdbc.queryForList("""
                    SELECT id, organization_id, subscription_id, amount, currency, status, period_start, period_end,
                           due_date
                    FROM saas_invoices WHERE invoice_number = ? FOR UPDATE""", number).stream().findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException("No SaaS invoice " + number));
            String invoiceStatus = (String) invoice.get("status");
            if ("paid".equals(invoiceStatus) || "cancelled".equals(invoiceStatus)) {
                throw Refusals.conflict("invoiceNumber", "Invoice " + number + " is " + invoiceStatus);
            }
            BigDecimal owed = (BigDecimal) invoice.get("amount");
            String currency = (String) invoice.get("currency");
            if (amount.getValue().compareTo(owed) != 0 || (amount.hasCurrency()
                    && !currency.equals(amount.getCurrency()))) {
                throw Refusals.refused("amount", "Invoice " + number + " is paid in full: " + owed.toPlainString()
                        + " " + currency);
            }
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
            int organizationId = (Integer) invoice.get("organization_id");
            int subscriptionId = (Integer) invoice.get("subscription_id");
            Integer payment = jdbc.queryForObject("""
                    INSERT INTO saas_payments (organization_id, subscription_id, invoice_number, amount, currency,
                        payment_method, payment_status, payment_date, due_date, period_start, period_end,
                        payment_provider, provider_transaction_id, description)
                    VALUES (?, ?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Integer.class,
                    organizationId, subscriptionId, number, owed, currency, how, now, invoice.get("due_date"),
                    invoice.get("period_start"), invoice.get("period_end"), how, transaction,
                    "Payment of " + number + " recorded by " + ClinicLifecycle.actor(request));
            jdbc.update("UPDATE saas_invoices SET status = 'paid', paid_date = ?, updated_at = now() WHERE id = ?",
                    now, invoice.get("id"));
            jdbc.update("""
                    UPDATE saas_subscriptions SET updated_at = now(),
                        metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), '{paymentMethod}', to_jsonb(?::text))
                    WHERE id = ?""", how, subscriptionId);
            tenants.findById(organizationId).ifPresent(clinic -> lifecycle.record(clinic, "record-saas-payment",
                    number + ": " + owed.toPlainString() + " " + currency + " by " + how + " (" + transaction + ")",
                    ClinicLifecycle.actor(request)));
            restore(organizationId, subscriptionId);
            return answer(number, payment);
        });
    }

    /** Back to active (or trial) when nothing else is owed and only non-payment held the clinic back. */
    private void restore(int organizationId, int subscriptionId) {
        boolean owing = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM saas_invoices WHERE "
                + "subscription_id = ? AND status = 'overdue')", Boolean.class, subscriptionId));
        Standing standing = standings.of(organizationId);
        boolean suspendedForPayment = standing == Standing.SUSPENDED && SaasBilling.ACTOR.equals(jdbc.queryForList(
                "SELECT actor FROM cura_platform_actions WHERE organization_id = ? AND action IN ('suspend', "
                        + "'reactivate') ORDER BY id DESC LIMIT 1", String.class, organizationId).stream().findFirst()
                .orElse(null));
        if (owing || !(standing == Standing.PAST_DUE || suspendedForPayment)) {
            return;
        }
        // still in the trial while its period is the trial's: the billing job's renewal at its end closes it
        boolean inTrial = Boolean.TRUE.equals(jdbc.queryForObject("SELECT coalesce(current_period_end <= trial_end, "
                + "false) FROM saas_subscriptions WHERE id = ?", Boolean.class, subscriptionId));
        standings.set(organizationId, inTrial ? Standing.TRIAL : Standing.ACTIVE);
        tenants.findById(organizationId).ifPresent(clinic -> lifecycle.record(clinic, "reactivate",
                "Paid: nothing is owed", SaasBilling.ACTOR));
    }

    private Parameters answer(String number, int paymentId) {
        Map<String, Object> now = jdbc.queryForMap("""
                SELECT i.status, s.status AS subscription, o.subscription_status AS organization
                FROM saas_invoices i JOIN saas_subscriptions s ON s.id = i.subscription_id
                JOIN organizations o ON o.id = i.organization_id WHERE i.invoice_number = ?""", number);
        return new Parameters().addParameter("invoiceNumber", number)
                .addParameter("invoiceStatus", (String) now.get("status"))
                .addParameter("paymentId", Integer.toString(paymentId))
                .addParameter("subscriptionStatus", (String) now.get("subscription"))
                .addParameter("organizationStatus", (String) now.get("organization"));
    }

    private static String text(StringType value, String name, int max) {
        String text = value == null || value.getValue() == null ? "" : value.getValue().trim();
        if (text.isEmpty() || text.length() > max) {
            throw Refusals.badParameter(name, name + " is required, at most " + max + " characters");
        }
        return text;
    }
}
