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
 * A payment is a {@code Payment} linked to its invoice.
 */
final class QuickBooksDocuments {

    /** QuickBooks' longest {@code DocNumber}. */
    static final int DOC_NUMBER_LENGTH = 21;

    private final ObjectMapper json;
    private final String serviceItemId;

    QuickBooksDocuments(ObjectMapper json, String serviceItemId) {
        this.json = json;
        this.serviceItemId = serviceItemId;
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
        if (invoice.number().length() > DOC_NUMBER_LENGTH) {
            throw new QuickBooksFault(400, "The invoice number " + invoice.number() + " is longer than the "
                    + DOC_NUMBER_LENGTH + " characters QuickBooks takes as a DocNumber", false);
        }
        ObjectNode body = json.createObjectNode();
        body.put("DocNumber", invoice.number());
        body.put("TxnDate", invoice.date().toString());
        body.put("DueDate", invoice.due().toString());
        body.putObject("CustomerRef").put("value", customerId);
        body.put("PrivateNote", "Cura invoice " + invoice.number());
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
