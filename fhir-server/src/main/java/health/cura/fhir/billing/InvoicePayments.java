package health.cura.fhir.billing;

import health.cura.mappings.billing.InvoiceBalance;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code payments} rows of an invoice, in the caller's transaction: what has been paid (completed payments less
 * refunds), the list the invoice row keeps in {@code invoices.payments}, and a clinic's payment by transaction id.
 */
@Component
public class InvoicePayments {

    /** Rows that count towards what is paid: refunds are {@code refunded} rows with a negative amount. */
    static final String COUNTED = "payment_status IN ('completed', 'refunded')";

    private final JdbcTemplate jdbc;

    public InvoicePayments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public InvoiceBalance balance(int organizationId, int invoiceRowId, BigDecimal total) {
        return InvoiceBalance.of(total, jdbc.queryForList("SELECT amount FROM payments WHERE organization_id = ? "
                + "AND invoice_id = ? AND " + COUNTED + " ORDER BY id", BigDecimal.class, organizationId, invoiceRowId));
    }

    public BigDecimal paid(int organizationId, int invoiceRowId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE organization_id = ? "
                + "AND invoice_id = ? AND " + COUNTED, BigDecimal.class, organizationId, invoiceRowId).setScale(2);
    }

    /** {@code invoices.payments}: each payment and refund of the invoice, oldest first. */
    public List<Map<String, Object>> records(int organizationId, int invoiceRowId) {
        return jdbc.query("""
                SELECT transaction_id, amount, currency, payment_method, payment_status, payment_date
                FROM payments WHERE organization_id = ? AND invoice_id = ? ORDER BY payment_date, id""", (rs, n) -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("transactionId", rs.getString(1));
            record.put("amount", rs.getBigDecimal(2));
            record.put("currency", rs.getString(3));
            record.put("method", rs.getString(4));
            record.put("status", rs.getString(5));
            record.put("date", rs.getTimestamp(6).toLocalDateTime().toString() + "Z");
            return record;
        }, organizationId, invoiceRowId);
    }

    /** How the invoice was last paid (a refund goes back the same way unless told otherwise). */
    public Optional<String> lastMethod(int organizationId, int invoiceRowId) {
        return jdbc.queryForList("SELECT payment_method FROM payments WHERE organization_id = ? AND invoice_id = ? "
                + "AND payment_status = 'completed' ORDER BY payment_date DESC, id DESC LIMIT 1", String.class,
                organizationId, invoiceRowId).stream().findFirst();
    }

    /** The row id of the clinic's payment with this transaction id; another clinic's is never found. */
    public Optional<Integer> byTransaction(int organizationId, String transactionId) {
        return jdbc.queryForList("SELECT id FROM payments WHERE organization_id = ? AND transaction_id = ?",
                Integer.class, organizationId, transactionId).stream().findFirst();
    }
}
