package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's invoices to its clinics ({@code saas_invoices}): numbered {@code SAAS-<year>-<nnnnnn>} from one
 * sequence, in the platform's currency, with their line items ({@code description}, {@code amount}); issued as
 * {@code sent}, due after the payment terms; one of nothing to pay is paid as it is issued.
 */
public class SaasInvoices {

    /** One line of an invoice; a credit is negative. */
    public record Line(String description, BigDecimal amount) {}

    /** An invoice issued. */
    public record Issued(String number, BigDecimal amount, LocalDateTime due) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SaasProperties properties;
    private final PlatformSettings settings;

    public SaasInvoices(JdbcTemplate jdbc, ObjectMapper json, SaasProperties properties, PlatformSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.settings = settings;
    }

    public Issued issue(int organizationId, int subscriptionId, LocalDateTime periodStart, LocalDateTime periodEnd,
            List<Line> lines, LocalDateTime now, String notes) {
        BigDecimal amount = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add).max(
                BigDecimal.ZERO).setScale(2, java.math.RoundingMode.UNNECESSARY);
        ArrayNode items = json.createArrayNode();
        lines.forEach(line -> items.addObject().put("description", line.description())
                .put("amount", line.amount().setScale(2).toPlainString()).put("currency", properties.currency()));
        long sequence = jdbc.queryForObject("SELECT nextval('cura_saas_invoice_numbers')", Long.class);
        String number = "SAAS-" + now.getYear() + "-" + String.format("%06d", sequence);
        LocalDateTime due = now.plus(settings.paymentTerms());
        boolean nothingToPay = amount.signum() == 0;
        jdbc.update("""
                INSERT INTO saas_invoices (organization_id, subscription_id, invoice_number, amount, currency, status,
                    issue_date, due_date, paid_date, period_start, period_end, line_items, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", organizationId, subscriptionId, number,
                amount, properties.currency(), nothingToPay ? "paid" : "sent", Timestamp.valueOf(now),
                Timestamp.valueOf(due), nothingToPay ? Timestamp.valueOf(now) : null, Timestamp.valueOf(periodStart),
                Timestamp.valueOf(periodEnd), items.toString(), notes);
        return new Issued(number, amount, due);
    }
}
