package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The columns of a {@code payments} row that a FHIR PaymentReconciliation owns. A refund is a row of its own with a
 * negative amount and status {@code refunded}. {@code patient_id} is the invoice's patient, not the resource's.
 * Not owned: {@code metadata} (except its {@code reason} key) and the timestamps.
 *
 * @param invoiceId the {@code invoices} row paid
 * @param reason    why a refund was made ({@code metadata.reason}), or null
 */
public record PaymentRow(
        int invoiceId,
        String transactionId,
        BigDecimal amount,
        String currency,
        String method,
        String provider,
        String status,
        LocalDateTime paymentDate,
        String reason) {

    public boolean isRefund() {
        return amount.signum() < 0;
    }
}
