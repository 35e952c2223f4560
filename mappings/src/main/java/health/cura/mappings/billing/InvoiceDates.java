package health.cura.mappings.billing;

import java.time.LocalDateTime;

/**
 * The fill rules for an invoice's dates: today (UTC) when the Invoice has no date, and the clinic's payment terms
 * after the invoice date when it has no due date.
 *
 * @param today           now, in UTC
 * @param paymentTermDays days from the invoice date to the due date (30 unless the clinic says otherwise)
 */
public record InvoiceDates(LocalDateTime today, int paymentTermDays) {

    public LocalDateTime dueDate(LocalDateTime invoiceDate) {
        return invoiceDate.plusDays(paymentTermDays);
    }
}
