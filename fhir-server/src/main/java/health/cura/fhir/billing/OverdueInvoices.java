package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.access.roles.StaffRoles;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks issued invoices that are still owed money after their due date {@code overdue}, and tells each active member
 * of the clinic's staff whose role may view billing, with one {@code billing} notification per invoice. Safe on several
 * nodes: the invoices a run takes are locked ({@code SKIP LOCKED}), and an invoice is marked and notified in one
 * transaction, so it is marked once and notified once. The rows are written as other software would write them:
 * change capture brings the status into the Invoice, as for any row.
 */
public class OverdueInvoices {

    private static final Logger log = LoggerFactory.getLogger(OverdueInvoices.class);

    /** An invoice marked overdue by a run. */
    public record Marked(int organizationId, String subdomain, int invoiceRowId, String number, String patientName,
            BigDecimal owed, LocalDateTime due, String resourceId) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StaffRoles roles;
    private final UnnamedClinician unnamed;
    private final ObjectMapper json;
    private final ClinicBilling billing;
    private final Clock clock;
    private final int batch;

    public OverdueInvoices(JdbcTemplate jdbc, TransactionTemplate transactions, StaffRoles roles,
            UnnamedClinician unnamed, ObjectMapper json, ClinicBilling billing, Clock clock, int batch) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.roles = roles;
        this.unnamed = unnamed;
        this.json = json;
        this.billing = billing;
        this.clock = clock;
        this.batch = batch;
    }

    /** One pass over every clinic; the invoices it marked. */
    public List<Marked> run() {
        List<Marked> all = new ArrayList<>();
        List<Marked> marked;
        do {
            marked = transactions.execute(status -> markBatch());
            all.addAll(marked);
        } while (marked.size() == batch);
        if (!all.isEmpty()) {
            log.info("Marked {} invoices overdue", all.size());
        }
        return all;
    }

    private List<Marked> markBatch() {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        List<Marked> marked = jdbc.query("""
                WITH due AS (
                    SELECT i.id FROM invoices i
                    WHERE i.status = 'sent' AND i.due_date < ? AND i.total_amount > 0
                      AND i.total_amount > coalesce((SELECT sum(p.amount) FROM payments p
                              WHERE p.organization_id = i.organization_id AND p.invoice_id = i.id
                                AND p.""" + InvoicePayments.COUNTED + "), 0)" + """
                    ORDER BY i.due_date
                    LIMIT ?
                    FOR UPDATE OF i SKIP LOCKED)
                UPDATE invoices i SET status = 'overdue', updated_at = now()
                FROM due, organizations o
                WHERE i.id = due.id AND o.id = i.organization_id
                RETURNING i.organization_id, o.subdomain, i.id, i.invoice_number, i.patient_name,
                    i.total_amount - coalesce((SELECT sum(p.amount) FROM payments p
                        WHERE p.organization_id = i.organization_id AND p.invoice_id = i.id
                          AND p.""" + InvoicePayments.COUNTED + "), 0), i.due_date," + """
                    (SELECT l.resource_id FROM fhir_resource_links l WHERE l.organization_id = i.organization_id
                        AND l.table_name = 'invoices' AND l.row_id = i.id AND l.resource_type = 'Invoice')""",
                (rs, n) -> new Marked(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        Pence.rounded(rs.getBigDecimal(6)), rs.getTimestamp(7).toLocalDateTime(),
                        rs.getString(8)), now, batch);
        Map<Integer, List<Integer>> recipients = new LinkedHashMap<>();
        Map<Integer, String> currencies = new LinkedHashMap<>();
        for (Marked invoice : marked) {
            List<Integer> staff = recipients.computeIfAbsent(invoice.organizationId(),
                    clinic -> billingStaff(clinic, invoice.subdomain()));
            String currency = currencies.computeIfAbsent(invoice.organizationId(),
                    clinic -> billing.terms(clinic).currency());
            for (int user : staff) {
                jdbc.update("""
                        INSERT INTO notifications (organization_id, user_id, type, title, message, link, metadata)
                        VALUES (?, ?, 'billing', ?, ?, ?, ?::jsonb)""", invoice.organizationId(), user,
                        "Invoice " + invoice.number() + " is overdue",
                        invoice.patientName() + " owes " + invoice.owed().toPlainString() + " " + currency
                                + ", due on " + invoice.due().toLocalDate() + ".",
                        invoice.resourceId() == null ? null
                                : "/fhir/" + invoice.subdomain() + "/Invoice/" + invoice.resourceId(),
                        metadata(invoice, currency));
            }
        }
        return marked;
    }

    /** The clinic's active staff whose role may view billing. */
    private List<Integer> billingStaff(int organizationId, String subdomain) {
        return jdbc.queryForList("SELECT id FROM users WHERE organization_id = ? AND is_active ORDER BY id",
                        Integer.class, organizationId).stream()
                .filter(user -> !unnamed.is(organizationId, user))
                .filter(user -> roles.of(subdomain, user)
                        .map(permissions -> permissions.allows(ClinicModules.BILLING, StaffAction.VIEW))
                        .orElse(false))
                .toList();
    }

    private String metadata(Marked invoice, String currency) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("invoiceId", invoice.invoiceRowId());
        values.put("invoiceNumber", invoice.number());
        values.put("amountDue", invoice.owed());
        values.put("currency", currency);
        values.put("dueDate", invoice.due().toLocalDate().toString());
        try {
            return json.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
