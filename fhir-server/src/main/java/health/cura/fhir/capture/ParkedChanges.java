package health.cura.fhir.capture;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The changes parked until their row is fixed: listed for the platform, and sent back to the log to be retried. */
public final class ParkedChanges {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ParkedChanges(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** One parked change; {@code organizationId} null for a row that names no clinic. */
    public record Parked(long id, Integer organizationId, String table, int rowId, String operation, String reason,
            int attempts, Instant parkedAt) {}

    /** The oldest parked changes first, of one clinic or of all. */
    public List<Parked> list(OptionalInt organizationId, int count) {
        String where = organizationId.isPresent() ? "WHERE organization_id = " + organizationId.getAsInt() : "";
        return jdbc.query("SELECT id, organization_id, table_name, row_id, operation, reason, attempts, parked_at "
                + "FROM cura_parked_changes " + where + " ORDER BY parked_at, id LIMIT ?", (rs, n) -> new Parked(
                        rs.getLong(1), (Integer) rs.getObject(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getObject(8, Timestamp.class).toInstant()), count);
    }

    /**
     * Queues the parked changes again (the row is applied as it is now) and takes them off the list; one that fails
     * again is parked anew. Returns how many were queued.
     */
    public int retry(List<Long> ids, OptionalInt organizationId) {
        String which = ids.isEmpty() ? "organization_id = " + organizationId.orElseThrow()
                : "id = ANY (?)" + (organizationId.isPresent() ? " AND organization_id = "
                        + organizationId.getAsInt() : "");
        Object[] arguments = ids.isEmpty() ? new Object[0] : new Object[] {ids.toArray(new Long[0])};
        // the applier reads the row as it is now, whatever the operation was
        Integer queued = transactions.execute(tx -> jdbc.update("WITH moved AS (DELETE FROM cura_parked_changes WHERE "
                + which + " RETURNING table_name, row_id, organization_id) "
                + "INSERT INTO cura_row_changes (table_name, row_id, organization_id, operation) "
                + "SELECT DISTINCT table_name, row_id, organization_id, 'U' FROM moved", arguments));
        return queued == null ? 0 : queued;
    }
}
