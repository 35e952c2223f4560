package health.cura.fhir.billing;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.billing.PaymentRow;
import health.cura.mappings.billing.RevenueSplit;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code revenue_records} of a payment or refund the server records, written with it: one row per revenue
 * category of the invoice, the payment shared among them in proportion to the lines ({@link RevenueSplit}). A line's
 * category is its {@code revenue-category} coding; a line without one counts as a consultation when the invoice was
 * generated from a visit, else as other. The source is {@code insurance} for an insurer's payment, else
 * {@code appointment} or {@code walk_in} for an invoice generated from an appointment or an encounter, else
 * {@code other}. Revenue other software records is its own to write.
 */
public class RevenueRecords {

    private final JdbcTemplate jdbc;

    public RevenueRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Tenant clinic, Invoice invoice, PaymentRow payment, String invoiceNumber, boolean fromInsurer) {
        String visit = visitOf(invoice, clinic);
        String fallback = visit == null ? "other" : "consultation";
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (Invoice.InvoiceLineItemComponent line : invoice.getLineItem()) {
            String category = line.hasChargeItemCodeableConcept() ? line.getChargeItemCodeableConcept().getCoding()
                    .stream().filter(c -> CuraEnums.REVENUE_CATEGORY.system().equals(c.getSystem()))
                    .map(Coding::getCode).filter(CuraEnums.REVENUE_CATEGORY::contains).findFirst().orElse(fallback)
                    : fallback;
            BigDecimal total = line.getPriceComponent().stream().filter(c -> c.hasAmount())
                    .map(c -> c.getAmount().getValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
            weights.merge(category, total, BigDecimal::add);
        }
        String source = fromInsurer ? "insurance" : visit == null ? "other"
                : visit.startsWith("Appointment/") ? "appointment" : "walk_in";
        String notes = (payment.isRefund() ? "Refund " : "Payment ") + payment.transactionId() + " of invoice "
                + invoiceNumber;
        RevenueSplit.split(payment.amount(), weights, fallback).forEach((category, amount) -> jdbc.update("""
                INSERT INTO revenue_records (organization_id, date, category, amount, payment_method, source, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", clinic.id(), payment.paymentDate().toLocalDate(), category, amount,
                payment.method(), source, notes));
    }

    private static String visitOf(Invoice invoice, Tenant clinic) {
        String sources = CuraCanonical.invoiceSourceSystem(clinic.subdomain());
        return invoice.getIdentifier().stream().filter(i -> sources.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst().orElse(null);
    }
}
