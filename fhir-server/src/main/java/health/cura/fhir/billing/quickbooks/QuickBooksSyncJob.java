package health.cura.fhir.billing.quickbooks;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinics that sync by themselves ({@code auto_sync}, a frequency other than {@code manual}): each is synced when
 * its frequency has passed since its last sync, and its failed pushes are tried again when their wait is over. Safe on
 * several nodes: two that sync one clinic at once push each entry once (the outbox's leases).
 */
public class QuickBooksSyncJob {

    private static final Logger log = LoggerFactory.getLogger(QuickBooksSyncJob.class);

    private final JdbcTemplate jdbc;
    private final QuickBooksSync sync;

    public QuickBooksSyncJob(JdbcTemplate jdbc, QuickBooksSync sync) {
        this.jdbc = jdbc;
        this.sync = sync;
    }

    public void run() {
        List<Integer> due = jdbc.queryForList("""
                SELECT DISTINCT c.organization_id FROM quickbooks_sync_configs c
                JOIN quickbooks_connections q ON q.organization_id = c.organization_id AND q.is_active
                WHERE c.auto_sync AND c.sync_frequency IN ('hourly', 'daily', 'weekly')
                  AND c.id = (SELECT max(id) FROM quickbooks_sync_configs WHERE organization_id = c.organization_id)
                  AND (q.last_sync_at IS NULL OR q.last_sync_at + CASE c.sync_frequency
                        WHEN 'hourly' THEN interval '1 hour' WHEN 'daily' THEN interval '1 day'
                        ELSE interval '7 days' END <= now() AT TIME ZONE 'UTC')""", Integer.class);
        due.forEach(clinic -> each(clinic, () -> sync.sync(clinic, false)));
        jdbc.queryForList("""
                SELECT DISTINCT o.organization_id FROM cura_quickbooks_outbox o
                JOIN quickbooks_sync_configs c ON c.organization_id = o.organization_id AND c.auto_sync
                WHERE o.status = 'pending' AND o.next_attempt_at <= now()""", Integer.class).stream()
                .filter(clinic -> !due.contains(clinic))
                .forEach(clinic -> each(clinic, () -> sync.retryDue(clinic)));
    }

    /** One clinic's trouble (its database rows, its tokens) never keeps the others from syncing. */
    private static void each(int clinic, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("QuickBooks sync of clinic {} failed: {}", clinic, e.getClass().getSimpleName());
        }
    }
}
