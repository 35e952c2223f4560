package health.cura.fhir.billing.quickbooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.billing.InvoiceItemsJson;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes a clinic's invoices, payments and the customers they need to its QuickBooks Online company, as its
 * {@code quickbooks_sync_configs} row says ({@code sync_invoices}, {@code sync_payments}, {@code sync_customers};
 * without a row, the documented defaults). What is owed is kept in {@code cura_quickbooks_outbox}: issued invoices
 * (credit notes excepted) and completed payments are entered once each; each entry is taken by one node at a time (a
 * lease, {@code SKIP LOCKED}), pushed with its own request id (so a retry after a crash makes nothing twice at
 * QuickBooks), and either marked sent with its QuickBooks id or given its failure and a later try, doubling the wait,
 * until it is marked failed. Failed entries stay listed; a manual sync tries them again. Entries are kept per company
 * (a clinic that connects another company pushes everything to it afresh). A payment waits until its invoice is
 * there, an invoice until its customer is; payments go only with invoices. A credit note goes as a credit memo, a
 * refund (of an invoice QuickBooks has) as a refund receipt.
 */
public class QuickBooksSync {

    private static final Logger log = LoggerFactory.getLogger(QuickBooksSync.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration LONGEST_WAIT = Duration.ofHours(6);
    private static final int BATCH = 100;
    /** Issued invoices and credit notes (a credit note is a paid invoice of negative total). */
    private static final String ISSUED = "i.status IN ('sent', 'overdue', 'paid') AND i.invoice_number NOT LIKE 'DRAFT-%'";
    private static final String PUSHABLE_INVOICE = ISSUED + " AND i.total_amount >= 0";

    /** A clinic's sync settings ({@code quickbooks_sync_configs}, or its defaults). */
    public record Settings(boolean invoices, boolean payments, boolean customers, boolean items, boolean auto,
            String frequency) {
        static final Settings DEFAULTS = new Settings(true, true, true, false, false, "manual");
    }

    /** One entry that failed, as staff are shown it. */
    public record Failure(String kind, String reference, int attempts, String status, String error) {}

    /** Where a clinic's sync stands. */
    public record Summary(int sent, int pending, int failed, List<Failure> failures) {}

    private record Entry(long id, String kind, int rowId, String requestId, int attempts) {}

    private final JdbcTemplate jdbc;
    private final QuickBooksApi api;
    private final QuickBooksAccess access;
    private final QuickBooksDocuments documents;
    private final InvoiceItemsJson items;
    private final QuickBooksProperties properties;
    private final Clock clock;

    public QuickBooksSync(JdbcTemplate jdbc, QuickBooksApi api, QuickBooksAccess access, ObjectMapper json,
            QuickBooksProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.api = api;
        this.access = access;
        this.documents = new QuickBooksDocuments(json, properties.serviceItemId(), properties.refundAccountId());
        this.items = new InvoiceItemsJson(json);
        this.properties = properties;
        this.clock = clock;
    }

    public Settings settings(int organizationId) {
        return jdbc.query("""
                SELECT sync_invoices, sync_payments, sync_customers, sync_items, auto_sync, sync_frequency
                FROM quickbooks_sync_configs WHERE organization_id = ? ORDER BY id DESC LIMIT 1""",
                (rs, n) -> new Settings(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getString(6) == null ? "manual" : rs.getString(6)), organizationId)
                .stream().findFirst().orElse(Settings.DEFAULTS);
    }

    /**
     * Enters what is new and pushes what is due; {@code retryFailed} (a sync staff asked for) first tries again, now,
     * every entry that failed (one that failed every try gets a new round of tries).
     */
    public Summary sync(int organizationId, boolean retryFailed) {
        Optional<QuickBooksAccess.Company> company = access.company(organizationId);
        if (company.isEmpty()) {
            return summary(organizationId);
        }
        String realm = company.get().realmId();
        if (retryFailed) {
            // entries another node holds are left to it
            jdbc.update("""
                    UPDATE cura_quickbooks_outbox SET next_attempt_at = now(), status = 'pending',
                        attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END
                    WHERE organization_id = ? AND realm_id = ? AND status <> 'sent' AND last_error IS NOT NULL
                      AND lease_owner IS NULL""", organizationId, realm);
        }
        enter(organizationId, realm, settings(organizationId));
        push(organizationId, company.get());
        // a sync, not a retry, is what the frequency counts from
        jdbc.update("UPDATE quickbooks_connections SET last_sync_at = ? WHERE organization_id = ? AND realm_id = ?",
                utcNow(), organizationId, realm);
        return summary(organizationId);
    }

    /** Pushes the entries due another try, entering nothing new (the poll between a clinic's syncs). */
    public void retryDue(int organizationId) {
        access.company(organizationId).ifPresent(company -> push(organizationId, company));
    }

    private void enter(int organizationId, String realm, Settings settings) {
        if (!settings.invoices()) {
            return;
        }
        jdbc.update("""
                INSERT INTO cura_quickbooks_outbox (organization_id, realm_id, kind, row_id, request_id)
                SELECT customers.organization_id, ?, 'customer', customers.id, gen_random_uuid()
                FROM (SELECT DISTINCT p.organization_id, p.id FROM invoices i
                      JOIN patients p ON p.organization_id = i.organization_id AND p.patient_id = i.patient_id
                      WHERE i.organization_id = ? AND\s""" + ISSUED + ") customers ON CONFLICT DO NOTHING",
                realm, organizationId);
        jdbc.update("INSERT INTO cura_quickbooks_outbox (organization_id, realm_id, kind, row_id, request_id) "
                + "SELECT i.organization_id, ?, 'invoice', i.id, gen_random_uuid() FROM invoices i "
                + "WHERE i.organization_id = ? AND " + PUSHABLE_INVOICE + " ON CONFLICT DO NOTHING", realm,
                organizationId);
        jdbc.update("INSERT INTO cura_quickbooks_outbox (organization_id, realm_id, kind, row_id, request_id) "
                + "SELECT i.organization_id, ?, 'credit', i.id, gen_random_uuid() FROM invoices i "
                + "WHERE i.organization_id = ? AND " + ISSUED + " AND i.total_amount < 0 ON CONFLICT DO NOTHING",
                realm, organizationId);
        if (settings.payments()) {
            // a refund goes once its invoice is (or is on its way) there
            jdbc.update("""
                    INSERT INTO cura_quickbooks_outbox (organization_id, realm_id, kind, row_id, request_id)
                    SELECT p.organization_id, ?, 'refund', p.id, gen_random_uuid() FROM payments p
                    WHERE p.organization_id = ? AND p.payment_status = 'refunded' AND p.amount < 0
                      AND EXISTS (SELECT 1 FROM cura_quickbooks_outbox o WHERE o.organization_id = p.organization_id
                                  AND o.realm_id = ? AND o.kind = 'invoice' AND o.row_id = p.invoice_id)
                    ON CONFLICT DO NOTHING""", realm, organizationId, realm);
            jdbc.update("""
                    INSERT INTO cura_quickbooks_outbox (organization_id, realm_id, kind, row_id, request_id)
                    SELECT p.organization_id, ?, 'payment', p.id, gen_random_uuid()
                    FROM payments p JOIN invoices i ON i.organization_id = p.organization_id AND i.id = p.invoice_id
                    WHERE p.organization_id = ? AND p.payment_status = 'completed' AND p.amount > 0 AND\s"""
                    + PUSHABLE_INVOICE + " ON CONFLICT DO NOTHING", realm, organizationId);
        }
    }

    private void push(int organizationId, QuickBooksAccess.Company company) {
        Settings settings = settings(organizationId);
        String owner = UUID.randomUUID().toString();
        List<Entry> taken;
        do {
            taken = take(organizationId, company.realmId(), owner);
            for (Entry entry : taken) {
                // each entry's lease is renewed as its push starts, so that a long batch never outlives its leases
                if (renew(entry, owner)) {
                    pushOne(organizationId, company, settings, entry, owner);
                }
            }
        } while (taken.size() == BATCH);
        jdbc.update("""
                UPDATE quickbooks_sync_configs c SET updated_at = now(),
                    last_customer_sync = coalesce((SELECT max(sent_at) FROM cura_quickbooks_outbox
                        WHERE organization_id = c.organization_id AND kind = 'customer') AT TIME ZONE 'UTC', last_customer_sync),
                    last_invoice_sync = coalesce((SELECT max(sent_at) FROM cura_quickbooks_outbox
                        WHERE organization_id = c.organization_id AND kind = 'invoice') AT TIME ZONE 'UTC', last_invoice_sync),
                    last_payment_sync = coalesce((SELECT max(sent_at) FROM cura_quickbooks_outbox
                        WHERE organization_id = c.organization_id AND kind = 'payment') AT TIME ZONE 'UTC', last_payment_sync)
                WHERE c.organization_id = ?""", organizationId);
    }

    /** Takes the company's due entries for this node: each is leased, so that no other node pushes it meanwhile. */
    private List<Entry> take(int organizationId, String realm, String owner) {
        List<Entry> taken = new ArrayList<>(jdbc.query("""
                UPDATE cura_quickbooks_outbox SET next_attempt_at = now() + ?::interval, lease_owner = ?::uuid
                WHERE id IN (SELECT id FROM cura_quickbooks_outbox
                             WHERE organization_id = ? AND realm_id = ? AND status = 'pending'
                               AND next_attempt_at <= now()
                             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, kind, row_id, request_id::text, attempts""",
                (rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5)),
                LEASE.toSeconds() + " seconds", owner, organizationId, realm, BATCH));
        taken.sort(Comparator.comparingInt((Entry e) -> order(e.kind())).thenComparingLong(Entry::id));
        return taken;
    }

    private boolean renew(Entry entry, String owner) {
        return jdbc.update("UPDATE cura_quickbooks_outbox SET next_attempt_at = now() + ?::interval "
                + "WHERE id = ? AND lease_owner = ?::uuid AND status = 'pending'", LEASE.toSeconds() + " seconds",
                entry.id(), owner) == 1;
    }

    private static int order(String kind) {
        return switch (kind) {
            case "customer" -> 0;
            case "invoice" -> 1;
            case "credit" -> 2;
            case "payment" -> 3;
            default -> 4;
        };
    }

    private void pushOne(int organizationId, QuickBooksAccess.Company company, Settings settings, Entry entry,
            String owner) {
        String id;
        try {
            id = switch (entry.kind()) {
                case "customer" -> pushCustomer(organizationId, company, settings, entry);
                case "invoice" -> pushInvoice(organizationId, company, entry, false);
                case "credit" -> pushInvoice(organizationId, company, entry, true);
                case "payment" -> pushPayment(organizationId, company, entry);
                default -> pushRefund(organizationId, company, entry);
            };
        } catch (QuickBooksFault fault) {
            failed(entry, owner, fault.getMessage(), "HTTP " + fault.status());
            return;
        } catch (RuntimeException unexpected) {
            // a token sealed under another key, the database: recorded like any failure, never lost, never a stall
            failed(entry, owner, "Could not push: " + unexpected.getClass().getSimpleName(),
                    unexpected.getClass().getSimpleName());
            return;
        }
        int recorded = jdbc.update("""
                UPDATE cura_quickbooks_outbox SET status = 'sent', quickbooks_id = ?, sent_at = now(),
                    attempts = attempts + 1, last_error = NULL, lease_owner = NULL
                WHERE id = ? AND lease_owner = ?::uuid""", id, entry.id(), owner);
        if (recorded == 0) {
            log.warn("QuickBooks outbox entry {} was pushed after its lease passed to another node", entry.id());
        }
    }

    private void failed(Entry entry, String owner, String error, String logged) {
        int attempts = entry.attempts() + 1;
        boolean last = attempts >= properties.maxAttempts();
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        jdbc.update("""
                UPDATE cura_quickbooks_outbox SET attempts = ?, last_error = ?, status = ?, lease_owner = NULL,
                    next_attempt_at = now() + ?::interval WHERE id = ? AND lease_owner = ?::uuid""", attempts, error,
                last ? "failed" : "pending", wait.toSeconds() + " seconds", entry.id(), owner);
        log.warn("QuickBooks push of outbox entry {} ({}) failed on attempt {}: {}", entry.id(), entry.kind(),
                attempts, logged);
    }

    private String pushCustomer(int organizationId, QuickBooksAccess.Company company, Settings settings, Entry entry) {
        QuickBooksDocuments.Patient patient = jdbc.query(
                "SELECT patient_id, first_name, last_name FROM patients WHERE organization_id = ? AND id = ?",
                (rs, n) -> new QuickBooksDocuments.Patient(rs.getString(1), nullToEmpty(rs.getString(2)),
                        nullToEmpty(rs.getString(3))), organizationId, entry.rowId()).stream().findFirst()
                .orElseThrow(() -> new QuickBooksFault(404, "The patient is no longer in the clinic's records", false));
        String name = patient.displayName().replace("'", "\\'");
        Optional<String> existing = access.call(organizationId, company, token -> api.queryOne(company.realmId(),
                token, "Customer", "select * from Customer where DisplayName = '" + name + "'"))
                .map(customer -> customer.path("Id").asText());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!settings.customers()) {
            throw new QuickBooksFault(404, "QuickBooks has no customer named " + patient.displayName()
                    + ", and customers are not synced (sync_customers)", false);
        }
        return access.call(organizationId, company, token -> api.create(company.realmId(), token, "Customer",
                documents.customer(patient), entry.requestId()));
    }

    private String pushInvoice(int organizationId, QuickBooksAccess.Company company, Entry entry, boolean credit) {
        record Row(int patientRow, QuickBooksDocuments.Invoice invoice) {}
        Row row = jdbc.query("""
                SELECT (SELECT p.id FROM patients p WHERE p.organization_id = i.organization_id
                            AND p.patient_id = i.patient_id ORDER BY p.id LIMIT 1),
                       i.invoice_number, i.invoice_date, i.due_date, i.items::text, i.discount, i.tax
                FROM invoices i WHERE i.organization_id = ? AND i.id = ?""", (rs, n) -> new Row(rs.getInt(1),
                new QuickBooksDocuments.Invoice(rs.getString(2), rs.getTimestamp(3).toLocalDateTime().toLocalDate(),
                        rs.getTimestamp(4).toLocalDateTime().toLocalDate(), items.read(rs.getString(5)),
                        money(rs.getBigDecimal(6)), money(rs.getBigDecimal(7)))), organizationId, entry.rowId())
                .stream().findFirst()
                .orElseThrow(() -> new QuickBooksFault(404, "The invoice is no longer in the clinic's records", false));
        String customer = dependency(organizationId, company, "customer", row.patientRow());
        return access.call(organizationId, company, token -> api.create(company.realmId(), token,
                credit ? "CreditMemo" : "Invoice", credit ? documents.creditMemo(row.invoice(), customer)
                        : documents.invoice(row.invoice(), customer), entry.requestId()));
    }

    private String pushPayment(int organizationId, QuickBooksAccess.Company company, Entry entry) {
        record Row(int invoiceRow, int patientRow, QuickBooksDocuments.Payment payment) {}
        Row row = jdbc.query("""
                SELECT p.invoice_id, (SELECT pt.id FROM patients pt WHERE pt.organization_id = i.organization_id
                            AND pt.patient_id = i.patient_id ORDER BY pt.id LIMIT 1),
                       p.transaction_id, p.payment_method, p.payment_date, p.amount
                FROM payments p JOIN invoices i ON i.organization_id = p.organization_id AND i.id = p.invoice_id
                WHERE p.organization_id = ? AND p.id = ?""", (rs, n) -> new Row(rs.getInt(1), rs.getInt(2),
                new QuickBooksDocuments.Payment(rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime().toLocalDate(), money(rs.getBigDecimal(6)))),
                organizationId, entry.rowId()).stream().findFirst()
                .orElseThrow(() -> new QuickBooksFault(404, "The payment is no longer in the clinic's records", false));
        String invoice = dependency(organizationId, company, "invoice", row.invoiceRow());
        String customer = dependency(organizationId, company, "customer", row.patientRow());
        return access.call(organizationId, company, token -> api.create(company.realmId(), token, "Payment",
                documents.payment(row.payment(), customer, invoice), entry.requestId()));
    }

    private String pushRefund(int organizationId, QuickBooksAccess.Company company, Entry entry) {
        record Row(int patientRow, String invoiceNumber, QuickBooksDocuments.Payment refund) {}
        Row row = jdbc.query("""
                SELECT (SELECT pt.id FROM patients pt WHERE pt.organization_id = i.organization_id
                            AND pt.patient_id = i.patient_id ORDER BY pt.id LIMIT 1), i.invoice_number,
                       p.transaction_id, p.payment_method, p.payment_date, p.amount
                FROM payments p JOIN invoices i ON i.organization_id = p.organization_id AND i.id = p.invoice_id
                WHERE p.organization_id = ? AND p.id = ?""", (rs, n) -> new Row(rs.getInt(1), rs.getString(2),
                new QuickBooksDocuments.Payment(rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toLocalDateTime().toLocalDate(), money(rs.getBigDecimal(6)))),
                organizationId, entry.rowId()).stream().findFirst()
                .orElseThrow(() -> new QuickBooksFault(404, "The refund is no longer in the clinic's records", false));
        String customer = dependency(organizationId, company, "customer", row.patientRow());
        return access.call(organizationId, company, token -> api.create(company.realmId(), token, "RefundReceipt",
                documents.refund(row.refund(), customer, row.invoiceNumber()), entry.requestId()));
    }

    /**
     * The QuickBooks id of what an entry needs there first (its customer, its invoice). One not sent yet makes the
     * entry wait for a later try; a sync pushes customers, then invoices, then payments, so it rarely has to.
     */
    private String dependency(int organizationId, QuickBooksAccess.Company company, String kind, int rowId) {
        return jdbc.queryForList("""
                SELECT quickbooks_id FROM cura_quickbooks_outbox
                WHERE organization_id = ? AND realm_id = ? AND kind = ? AND row_id = ? AND status = 'sent'""",
                String.class, organizationId, company.realmId(), kind, rowId).stream().findFirst()
                .orElseThrow(() -> new QuickBooksFault(409, "Waiting for its " + kind + ", which is not in "
                        + "QuickBooks yet", true));
    }

    /** Counts of the clinic's entries, and those that failed or are waiting after a failure. */
    public Summary summary(int organizationId) {
        String realm = access.company(organizationId).map(QuickBooksAccess.Company::realmId).orElse("");
        int[] counts = new int[3];
        jdbc.query("SELECT status, count(*) FROM cura_quickbooks_outbox WHERE organization_id = ? AND realm_id = ? "
                        + "GROUP BY status",
                rs -> {
                    switch (rs.getString(1)) {
                        case "sent" -> counts[0] = rs.getInt(2);
                        case "pending" -> counts[1] = rs.getInt(2);
                        default -> counts[2] = rs.getInt(2);
                    }
                }, organizationId, realm);
        List<Failure> failures = jdbc.query("""
                SELECT o.kind, CASE o.kind
                        WHEN 'invoice' THEN (SELECT invoice_number FROM invoices WHERE id = o.row_id)
                        WHEN 'credit' THEN (SELECT invoice_number FROM invoices WHERE id = o.row_id)
                        WHEN 'payment' THEN (SELECT transaction_id FROM payments WHERE id = o.row_id)
                        WHEN 'refund' THEN (SELECT transaction_id FROM payments WHERE id = o.row_id)
                        ELSE (SELECT patient_id FROM patients WHERE id = o.row_id) END,
                       o.attempts, o.status, o.last_error
                FROM cura_quickbooks_outbox o
                WHERE o.organization_id = ? AND o.realm_id = ? AND o.last_error IS NOT NULL AND o.status <> 'sent'
                ORDER BY o.id LIMIT 100""", (rs, n) -> new Failure(rs.getString(1), rs.getString(2), rs.getInt(3),
                rs.getString(4), rs.getString(5)), organizationId, realm);
        return new Summary(counts[0], counts[1], counts[2], failures);
    }

    private Timestamp utcNow() {
        return Timestamp.valueOf(Instant.now(clock).atOffset(java.time.ZoneOffset.UTC).toLocalDateTime());
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : Pence.rounded(amount);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
