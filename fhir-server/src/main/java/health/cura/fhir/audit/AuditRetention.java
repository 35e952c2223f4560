package health.cura.fhir.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's own retention period: rows older than it are purged, from the start of each clinic's chain only
 * (a row is purged once every row chained before it is old enough too), so that what is left is one unbroken run.
 * The purged rows' chain entries stay with their hashes, the pseudonymous patient key dropped, and the purge is
 * recorded ({@code cura_audit_purges}): {@link AuditChain} then walks the whole chain and accepts those rows as
 * purged. Each clinic is purged under its chain lock, so the job is safe on several nodes and beside writers.
 */
public class AuditRetention {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public AuditRetention(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Purges every clinic's rows written before {@code cutoff}; answers how many rows went. */
    public int purgeOlderThan(Instant cutoff) {
        int purged = 0;
        for (int clinic : jdbc.queryForList("SELECT DISTINCT organization_id FROM cura_audit_chain", Integer.class)) {
            purged += purgeOlderThan(clinic, cutoff);
        }
        return purged;
    }

    /** Purges one clinic's rows written before {@code cutoff}; answers how many rows went. */
    public int purgeOlderThan(int clinic, Instant cutoff) {
        Integer rows = transactions.execute(status -> purge(clinic, cutoff));
        return rows == null ? 0 : rows;
    }

    private int purge(int clinic, Instant cutoff) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('cura_audit_chain'), ?)", Object.class, clinic);
        long done = jdbc.queryForObject("SELECT coalesce(max(up_to_position), 0) FROM cura_audit_purges WHERE "
                + "organization_id = ?", Long.class, clinic);
        Timestamp before = Timestamp.from(cutoff);
        Long firstKept = jdbc.queryForObject("""
                SELECT min(c.position) FROM cura_audit_chain c JOIN gdpr_audit_trail a ON a.id = c.audit_id
                WHERE c.organization_id = ? AND c.position > ? AND a."timestamp" >= ?""", Long.class, clinic, done,
                before);
        long upTo = firstKept != null ? firstKept - 1 : jdbc.queryForObject("SELECT coalesce(max(position), 0) FROM "
                + "cura_audit_chain WHERE organization_id = ?", Long.class, clinic);
        if (upTo <= done) {
            return 0;
        }
        List<Integer> ids = jdbc.queryForList("SELECT audit_id FROM cura_audit_chain WHERE organization_id = ? AND "
                + "position > ? AND position <= ?", Integer.class, clinic, done, upTo);
        int rows = jdbc.update("DELETE FROM gdpr_audit_trail WHERE organization_id = ? AND id = ANY (?)", clinic,
                ids.toArray(Integer[]::new));
        jdbc.update("UPDATE cura_audit_chain SET subject_key = NULL WHERE organization_id = ? AND position > ? AND "
                + "position <= ?", clinic, done, upTo);
        jdbc.update("INSERT INTO cura_audit_purges (organization_id, up_to_position, older_than, rows_purged) "
                + "VALUES (?, ?, ?, ?)", clinic, upTo, before, rows);
        return rows;
    }
}
