package health.cura.fhir.capture;

import health.cura.fhir.tables.CuraTable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings into FHIR the rows of mapped tables that have no resource (an existing database, rows written while no server
 * ran): queues each of them in the change log as a backfill change ({@code B}), a batch at a time, and lets the
 * workers apply them by the same path as every other change, after the changes other software is making now. The
 * progress of the run is in {@code cura_backfill}, written in the transaction that queues each batch, so a process
 * that dies resumes where the last batch ended; queued changes stay queued, and applying is idempotent, so nothing
 * is applied twice. Several nodes may run it at once: each batch takes its table's progress row first.
 */
public final class Backfill {

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    /** How many batches' worth of ids one step looks through at most. */
    private static final int SPAN = 8;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<CuraTable> tables;
    private final CaptureProperties properties;

    /** @param tables the captured tables that have an applier, in the order their rows are queued */
    public Backfill(JdbcTemplate jdbc, TransactionTemplate transactions, List<CuraTable> tables,
            CaptureProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tables = List.copyOf(tables);
        this.properties = properties;
    }

    /** One table's part of the run. */
    public record TableProgress(String table, long total, long done, boolean queued) {
        public long left() {
            return Math.max(0, total - done);
        }
    }

    /** Where the run stands; {@code running} false once every row was queued and applied (or none needed it). */
    public record Progress(boolean running, Instant startedAt, List<TableProgress> tables) {

        public long done() {
            return tables.stream().mapToLong(TableProgress::done).sum();
        }

        public long left() {
            return tables.stream().mapToLong(TableProgress::left).sum();
        }

        /** Rows applied per second since the run started. */
        public double rate(Instant now) {
            double seconds = startedAt == null ? 0 : Math.max(1, Duration.between(startedAt, now).toSeconds());
            return seconds == 0 ? 0 : done() / seconds;
        }

        /** At the rate so far; null before a rate is known. */
        public Duration estimatedTimeLeft(Instant now) {
            double rate = rate(now);
            return rate <= 0 ? null : Duration.ofSeconds((long) Math.ceil(left() / rate));
        }
    }

    /**
     * Starts a run unless one is under way: counts each table's rows that have no resource and begins queueing them.
     * Returns whether a run is under way now.
     */
    public boolean start() {
        Boolean started = transactions.execute(tx -> {
            untimed();
            jdbc.execute("LOCK TABLE cura_backfill IN SHARE ROW EXCLUSIVE MODE");
            if (unfinished()) {
                return true;
            }
            jdbc.update("DELETE FROM cura_backfill");
            long total = 0;
            for (int i = 0; i < tables.size(); i++) {
                CuraTable table = tables.get(i);
                long rows = jdbc.queryForObject("SELECT count(*) FROM " + table.name() + " r WHERE "
                        + unlinked(table), Long.class);
                total += rows;
                jdbc.update("""
                        INSERT INTO cura_backfill (table_name, position, rows_total, queued_at)
                        VALUES (?, ?, ?, CASE WHEN ? = 0 THEN clock_timestamp() END)""",
                        table.name(), i, rows, rows);
            }
            if (total > 0) {
                log.info("Backfill started: {} rows of {} tables have no resource yet", total, tables.size());
            }
            return total > 0;
        });
        return Boolean.TRUE.equals(started);
    }

    /** A count over a whole table may take longer than a request may: the request limit is not the backfill's. */
    private void untimed() {
        jdbc.queryForList("SELECT set_config('statement_timeout', '0', true)");
    }

    private boolean unfinished() {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM cura_backfill WHERE queued_at IS NULL)
                    OR EXISTS (SELECT 1 FROM cura_row_changes WHERE operation = 'B')""", Boolean.class));
    }

    /** A row of the table that no link names: {@code r} is the row. */
    private static String unlinked(CuraTable table) {
        String clinic = table.tenant().column().orElseThrow();
        return "NOT EXISTS (SELECT 1 FROM fhir_resource_links l WHERE l.organization_id = r." + clinic
                + " AND l.table_name = '" + table.name() + "' AND l.row_id = r.id)";
    }

    /**
     * Queues the next batch, unless enough backfill changes wait already ({@code cura.capture.backfill-batch} at most
     * ahead of the workers). Returns whether it queued any.
     */
    public boolean queueNext() {
        Boolean queued = transactions.execute(tx -> {
            untimed();
            Long waiting = jdbc.queryForObject("""
                    SELECT count(*) FROM (SELECT 1 FROM cura_row_changes WHERE operation = 'B' LIMIT ?) w""",
                    Long.class, properties.backfillBatch());
            if (waiting != null && waiting >= properties.backfillBatch()) {
                return false;
            }
            List<String> next = jdbc.queryForList("""
                    SELECT table_name FROM cura_backfill WHERE queued_at IS NULL ORDER BY position LIMIT 1
                    FOR UPDATE SKIP LOCKED""", String.class);
            if (next.isEmpty()) {
                return false;
            }
            CuraTable table = tables.stream().filter(t -> t.name().equals(next.get(0))).findFirst().orElse(null);
            int from = jdbc.queryForObject("SELECT next_row_id FROM cura_backfill WHERE table_name = ?",
                    Integer.class, next.get(0));
            int last = table == null ? -1 : jdbc.queryForObject("SELECT coalesce(max(id), -1) FROM " + table.name(),
                    Integer.class);
            if (from > last) {
                // done (or a table this node has no applier for: another node's to queue)
                jdbc.update("UPDATE cura_backfill SET queued_at = clock_timestamp(), rows_total = rows_queued "
                        + "WHERE table_name = ?", next.get(0));
                return true;
            }
            // a bounded range of ids at a time, however many of them are linked already
            int to = (int) Math.min((long) last + 1, (long) from + SPAN * properties.backfillBatch());
            List<Integer> rows = jdbc.queryForList("WITH picked AS (SELECT r.id, r."
                    + table.tenant().column().orElseThrow() + " AS clinic FROM " + table.name() + " r WHERE r.id >= ? "
                    + "AND r.id < ? AND " + unlinked(table) + " ORDER BY r.id LIMIT ?) "
                    + "INSERT INTO cura_row_changes (table_name, row_id, organization_id, operation) "
                    + "SELECT ?, id, clinic, 'B' FROM picked RETURNING row_id", Integer.class, from, to,
                    properties.backfillBatch(), table.name());
            int resume = rows.size() < properties.backfillBatch() ? to
                    : rows.stream().mapToInt(Integer::intValue).max().orElse(to - 1) + 1;
            jdbc.update("""
                    UPDATE cura_backfill SET next_row_id = ?, rows_queued = rows_queued + ?,
                        rows_total = greatest(rows_total, rows_queued + ?)
                    WHERE table_name = ?""", resume, rows.size(), rows.size(), table.name());
            return true;
        });
        return Boolean.TRUE.equals(queued);
    }

    /** The run's progress: per table, rows done are those queued and no longer waiting. */
    public Progress progress() {
        List<TableProgress> progress = jdbc.query("""
                SELECT b.table_name, b.rows_total, b.rows_queued - coalesce(w.waiting, 0), b.queued_at IS NOT NULL
                FROM cura_backfill b
                LEFT JOIN (SELECT table_name, count(*) AS waiting FROM cura_row_changes WHERE operation = 'B'
                           GROUP BY table_name) w ON w.table_name = b.table_name
                ORDER BY b.position""", (rs, n) -> new TableProgress(rs.getString(1), rs.getLong(2),
                rs.getLong(3), rs.getBoolean(4)));
        Timestamp started = jdbc.queryForObject("SELECT min(started_at) FROM cura_backfill", Timestamp.class);
        boolean running = progress.stream().anyMatch(t -> !t.queued() || t.left() > 0);
        return new Progress(running, started == null ? null : started.toInstant(), progress);
    }

    /** The tables a run covers. */
    public Set<String> tableNames() {
        return tables.stream().map(CuraTable::name).collect(Collectors.toUnmodifiableSet());
    }
}
