package health.cura.fhir.billing.quickbooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.cura.mappings.billing.InvoiceLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Cura's rows as QuickBooks Online entities. A patient is a {@code Customer} named "given family (patient number)",
 * so that two patients of one name stay two customers; nothing else about them leaves the clinic. An invoice is an
 * {@code Invoice} with its number as {@code DocNumber}, one sales line per line (booked to the configured service
 * item, at its quantity and unit price), its discounts as one discount line and its VAT as the transaction's total tax.
 * A payment is a {@code Payment} linked to its invoice. A credit note (an issued invoice voided) is a
 * {@code CreditMemo} of the same lines, its amounts positive as QuickBooks takes them; a refund is a
 * {@code RefundReceipt} paid from the configured account.
 */
final class QuickBooksDocuments {

    /** QuickBooks' longest {@code DocNumber}. */
    static final int DOC_NUMBER_LENGTH = 21;

    private final ObjectMapper json;
    private final String serviceItemId;
    private final String refundAccountId;

    QuickBooksDocuments(ObjectMapper json, String serviceItemId, String refundAccountId) {
        this.json = json;
        this.serviceItemId = serviceItemId;
        this.refundAccountId = refundAccountId;
    }

    record Patient(String number, String givenName, String familyName) {
        String displayName() {
            return (givenName + " " + familyName).trim() + " (" + number + ")";
        }
    }

    record Invoice(String number, LocalDate date, LocalDate due, List<InvoiceLine> lines, BigDecimal discount,
            BigDecimal tax) {}

    record Payment(String transactionId, String method, LocalDate date, BigDecimal amount) {}

    ObjectNode customer(Patient patient) {
        ObjectNode customer = json.createObjectNode();
        customer.put("DisplayName", patient.displayName());
        customer.put("GivenName", truncate(patient.givenName(), 100));
        customer.put("FamilyName", truncate(patient.familyName(), 100));
        return customer;
    }

    ObjectNode invoice(Invoice invoice, String customerId) {
        ObjectNode body = sale(invoice, customerId, "Cura invoice " + invoice.number());
        body.put("DueDate", invoice.due().toString());
        return body;
    }

    /** A credit note's lines carry negative amounts in Cura; QuickBooks takes a credit memo's as positive. */
    ObjectNode creditMemo(Invoice credit, String customerId) {
        List<InvoiceLine> lines = credit.lines().stream().map(line -> new InvoiceLine(line.code(), line.description(),
                line.quantity().abs(), line.unitPrice().abs(), line.discount().abs(), line.vatRate(), line.vat().abs(),
                line.vatCategory(), line.vatExemptionReason())).toList();
        return sale(new Invoice(credit.number(), credit.date(), credit.due(), lines, credit.discount().abs(),
                credit.tax().abs()), customerId, "Cura credit note " + credit.number());
    }

    ObjectNode refund(Payment refund, String customerId, String invoiceNumber) {
        if (refundAccountId.isBlank()) {
            throw new QuickBooksFault(400, "Refunds need the QuickBooks account they are paid from "
                    + "(cura.quickbooks.refund-account-id)", false);
        }
        BigDecimal amount = refund.amount().abs();
        ObjectNode body = json.createObjectNode();
        body.putObject("CustomerRef").put("value", customerId);
        body.put("TxnDate", refund.date().toString());
        body.putObject("DepositToAccountRef").put("value", refundAccountId);
        body.put("PrivateNote", "Cura refund " + refund.transactionId() + " of invoice " + invoiceNumber);
        ObjectNode line = body.putArray("Line").addObject();
        line.put("DetailType", "SalesItemLineDetail");
        line.put("Amount", amount);
        line.put("Description", "Refund of invoice " + invoiceNumber);
        ObjectNode detail = line.putObject("SalesItemLineDetail");
        detail.putObject("ItemRef").put("value", serviceItemId);
        detail.put("Qty", 1);
        detail.put("UnitPrice", amount);
        return body;
    }

    private ObjectNode sale(Invoice invoice, String customerId, String note) {
        if (invoice.number().length() > DOC_NUMBER_LENGTH) {
            throw new QuickBooksFault(400, "The invoice number " + invoice.number() + " is longer than the "
                    + DOC_NUMBER_LENGTH + " characters QuickBooks takes as a DocNumber", false);
        }
        ObjectNode body = json.createObjectNode();
        body.put("DocNumber", invoice.number());
        body.put("TxnDate", invoice.date().toString());
        body.putObject("CustomerRef").put("value", customerId);
        body.put("PrivateNote", note);
        ArrayNode lines = body.putArray("Line");
        for (InvoiceLine line : invoice.lines()) {
            ObjectNode sale = lines.addObject();
            sale.put("DetailType", "SalesItemLineDetail");
            sale.put("Amount", line.base());
            sale.put("Description", truncate(line.description(), 4000));
            ObjectNode detail = sale.putObject("SalesItemLineDetail");
            detail.putObject("ItemRef").put("value", serviceItemId);
            detail.put("Qty", line.quantity());
            detail.put("UnitPrice", line.unitPrice());
        }
        if (invoice.discount().signum() > 0) {
            ObjectNode discount = lines.addObject();
            discount.put("DetailType", "DiscountLineDetail");
            discount.put("Amount", invoice.discount());
            discount.putObject("DiscountLineDetail").put("PercentBased", false);
        }
        if (invoice.tax().signum() != 0) {
            body.putObject("TxnTaxDetail").put("TotalTax", invoice.tax());
        }
        return body;
    }

    ObjectNode payment(Payment payment, String customerId, String invoiceId) {
        ObjectNode body = json.createObjectNode();
        body.put("TotalAmt", payment.amount());
        body.putObject("CustomerRef").put("value", customerId);
        body.put("TxnDate", payment.date().toString());
        body.put("PrivateNote", "Cura payment " + payment.transactionId() + " (" + payment.method() + ")");
        ObjectNode line = body.putArray("Line").addObject();
        line.put("Amount", payment.amount());
        ObjectNode linked = line.putArray("LinkedTxn").addObject();
        linked.put("TxnId", invoiceId);
        linked.put("TxnType", "Invoice");
        return body;
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
