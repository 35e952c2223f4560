package health.cura.fhir.inventory;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The expiry job: each batch holding stock that expires within the window is notified to the clinic's staff once
 * (per batch and expiry date, recorded in {@code cura_expiry_alerts}), and batches past their date are marked
 * {@code is_expired}. Safe on several nodes: a batch's alert row is inserted by one of them only, in the transaction
 * that notifies.
 */
public class ExpiryAlerts {

    private static final Logger log = LoggerFactory.getLogger(ExpiryAlerts.class);

    /** A batch newly notified. */
    public record Alert(int organizationId, String subdomain, int batchId, String itemName, String batchNumber,
            LocalDate expiry, int remaining, String itemResourceId) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StockNotifications notifications;
    private final InventoryProperties properties;
    private final Clock clock;

    public ExpiryAlerts(JdbcTemplate jdbc, TransactionTemplate transactions, StockNotifications notifications,
            InventoryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass over every clinic; the batches it notified. */
    public List<Alert> run() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Alert> alerts = transactions.execute(status -> {
            jdbc.update("UPDATE inventory_batches SET is_expired = true, updated_at = now() "
                    + "WHERE NOT is_expired AND expiry_date IS NOT NULL AND expiry_date <= ?", Date.valueOf(today));
            List<Alert> made = jdbc.query("""
                    WITH due AS (
                        INSERT INTO cura_expiry_alerts (organization_id, batch_id, expiry_date)
                        SELECT b.organization_id, b.id, b.expiry_date FROM inventory_batches b
                        JOIN inventory_items i ON i.organization_id = b.organization_id AND i.id = b.item_id
                        WHERE b.remaining_quantity > 0 AND b.expiry_date IS NOT NULL AND b.expiry_date <= ?
                          AND i.is_active
                        ON CONFLICT DO NOTHING
                        RETURNING organization_id, batch_id)
                    SELECT o.id, o.subdomain, b.id, i.name, b.batch_number, b.expiry_date, b.remaining_quantity,
                           (SELECT l.resource_id FROM fhir_resource_links l WHERE l.organization_id = i.organization_id
                               AND l.table_name = 'inventory_items' AND l.row_id = i.id AND l.resource_type = 'Basic')
                    FROM due
                    JOIN inventory_batches b ON b.organization_id = due.organization_id AND b.id = due.batch_id
                    JOIN inventory_items i ON i.organization_id = b.organization_id AND i.id = b.item_id
                    JOIN organizations o ON o.id = b.organization_id
                    ORDER BY o.id, b.expiry_date""",
                    (rs, n) -> new Alert(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getDate(6).toLocalDate(), rs.getInt(7), rs.getString(8)),
                    Date.valueOf(today.plusDays(properties.expiryWindowDays())));
            for (Alert alert : made) {
                boolean expired = !alert.expiry().isAfter(today);
                notifications.tell(alert.organizationId(), alert.subdomain(),
                        alert.itemName() + " batch " + alert.batchNumber() + (expired ? " has expired" : " expires soon"),
                        alert.remaining() + " units of batch " + alert.batchNumber() + " of " + alert.itemName()
                                + (expired ? " expired on " : " expire on ") + alert.expiry() + ".",
                        alert.itemResourceId() == null ? null
                                : "/fhir/" + alert.subdomain() + "/Basic/" + alert.itemResourceId());
            }
            return made;
        });
        if (!alerts.isEmpty()) {
            log.info("Notified {} batches expiring within {} days", alerts.size(), properties.expiryWindowDays());
        }
        return alerts;
    }
}
