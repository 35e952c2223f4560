package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The columns of an {@code invoices} row that a FHIR Invoice owns. Not owned: {@code insurance}, {@code payments} (the
 * server's list of the payments rows), {@code created_by} and the timestamps. {@code paid_amount} is shown by the
 * Invoice but kept by the server from the {@code payments} rows.
 *
 * @param patientNumber the patient's {@code patients.patient_id} (invoices name patients by number, not by row)
 * @param patientName   the name billed, as "given family"
 */
public record InvoiceRow(
        String invoiceNumber,
        String patientNumber,
        String patientName,
        String nhsNumber,
        LocalDateTime dateOfService,
        LocalDateTime invoiceDate,
        LocalDateTime dueDate,
        String status,
        String invoiceType,
        BigDecimal subtotal,
        BigDecimal tax,
        BigDecimal discount,
        BigDecimal totalAmount,
        BigDecimal paidAmount,
        List<InvoiceLine> items,
        String notes) {

    public InvoiceRow {
        items = List.copyOf(items);
    }

    /** What is left to pay: the total less what was paid (payments less refunds). */
    public BigDecimal balance() {
        return totalAmount.subtract(paidAmount);
    }
}
