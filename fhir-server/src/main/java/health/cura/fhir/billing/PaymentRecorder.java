package health.cura.fhir.billing;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.billing.BalanceRefusal;
import health.cura.mappings.billing.InvoiceBalance;
import health.cura.mappings.billing.InvoiceMapper;
import health.cura.mappings.billing.PaymentMapper;
import health.cura.mappings.billing.PaymentRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.dao.DuplicateKeyException;

/**
 * Records one payment or refund of an invoice, for {@code $record-payment} and {@code $refund}: the invoice's row is
 * locked, a transaction id already recorded by the clinic answers its first recording, the operation decides on the
 * balance as it is under the lock, and the payment and the invoice (paid amount, status) are written together.
 */
public class PaymentRecorder {

    /** What a payment operation decided: the balance after it and the payments row to write. */
    public record Movement(InvoiceBalance after, BigDecimal amount, String currency, String method, String provider,
            String status, String reason, boolean fromInsurer) {

        /** A payment or refund of the patient (or whoever pays for them), not of an insurer under a claim. */
        public Movement(InvoiceBalance after, BigDecimal amount, String currency, String method, String provider,
                String status, String reason) {
            this(after, amount, currency, method, provider, status, reason, false);
        }
    }

    /** The operation's decision, on the locked invoice and its balance; refuses with an exception. */
    @FunctionalInterface
    public interface Decision {
        Movement decide(BillingWrites.LockedInvoice invoice, InvoiceBalance balance);
    }

    private final BillingWrites writes;
    private final InvoicePayments payments;
    private final ResourceLinks links;
    private final RevenueRecords revenue;
    private final Clock clock;

    public PaymentRecorder(BillingWrites writes, InvoicePayments payments, ResourceLinks links,
            RevenueRecords revenue, Clock clock) {
        this.writes = writes;
        this.payments = payments;
        this.links = links;
        this.revenue = revenue;
        this.clock = clock;
    }

    /** The client's transaction id, or a new one with the prefix. */
    static String transactionId(StringType given, String prefix) {
        String id = given == null || given.getValue() == null ? "" : given.getValue().trim();
        if (id.length() > 200) {
            throw BillingOutcomes.badParameter("transactionId", "transactionId is longer than 200 characters");
        }
        return id.isEmpty() ? prefix + UUID.randomUUID() : id;
    }

    public PaymentReconciliation record(Tenant clinic, IdType invoiceId, RequestDetails request, String transaction,
            Decision decision) {
        try {
            return writes.inTransaction(() -> attempt(clinic, invoiceId, request, transaction, decision));
        } catch (DuplicateKeyException raced) {
            // the same transaction id committed first on another invoice of the clinic: that is the first recording
            return writes.inTransaction(() -> first(clinic, transaction, request)).orElseThrow(() ->
                    BillingOutcomes.conflict("transactionId", "transactionId " + transaction + " is already in use "
                            + "on this database (it holds transaction ids unique across all its clinics): use another"));
        }
    }

    private PaymentReconciliation attempt(Tenant clinic, IdType invoiceId, RequestDetails request, String transaction,
            Decision decision) {
        String invoiceResource = invoiceId.getIdPart();
        BillingWrites.LockedInvoice locked = writes.lockOrNotFound(clinic.id(), invoiceResource);
        Optional<PaymentReconciliation> first = first(clinic, transaction, request);
        if (first.isPresent()) {
            return first.get();
        }
        Invoice invoice = writes.invoice(invoiceId, request);
        InvoiceBalance before = payments.balance(clinic.id(), locked.rowId(), locked.total());
        Movement movement;
        try {
            movement = decision.decide(locked, before);
        } catch (BalanceRefusal refused) {
            throw BillingOutcomes.refused(refused.parameter(), refused.getMessage());
        }
        boolean refund = movement.after().paid().compareTo(before.paid()) < 0;
        PaymentRow row = new PaymentRow(locked.rowId(), transaction,
                refund ? movement.amount().negate() : movement.amount(), movement.currency(), movement.method(),
                movement.provider(), movement.status(),
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MILLIS), movement.reason());
        MappingContext context = new MappingContext(clinic.id(), clinic.subdomain(),
                ResolvedLinks.builder().link("Invoice", invoiceResource, locked.rowId()).build());
        String paymentId = writes.create(PaymentMapper.toFhir(row, context), request);
        revenue.record(clinic, invoice, row, locked.number(), movement.fromInsurer());
        // always from the locked row: the resource may not show yet what other software (or the overdue job) wrote
        InvoiceMapper.setStatus(invoice, movement.after().statusFrom(locked.status()));
        writes.update(invoice, request);
        return writes.read(PaymentReconciliation.class, paymentId, request);
    }

    private Optional<PaymentReconciliation> first(Tenant clinic, String transaction, RequestDetails request) {
        return payments.byTransaction(clinic.id(), transaction)
                .flatMap(row -> links.resourceId(clinic.id(), "payments", row, "PaymentReconciliation"))
                .map(id -> writes.read(PaymentReconciliation.class, id, request));
    }
}
