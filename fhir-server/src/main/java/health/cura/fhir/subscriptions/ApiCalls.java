package health.cura.fhir.subscriptions;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each clinic's API calls this calendar month (UTC), in {@code cura_api_calls}. A call is counted in memory as it is
 * admitted and the counts are added to the row about once a second ({@link #flush}), so that no request writes to
 * the database. What this node has counted is exact; with several nodes, a clinic at its quota may get what the other
 * nodes admitted in their last second beyond it, and no more.
 */
public class ApiCalls {

    private record Month(YearMonth month, long stored, long readAt) {}

    /** How long a clinic's stored count is trusted before it is read again (the other nodes' calls). */
    private static final long FRESH_MILLIS = 5_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<Integer, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Month> stored = new ConcurrentHashMap<>();

    public ApiCalls(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    public YearMonth month() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The clinic's calls this month, this one's not yet flushed included. */
    public long used(int organizationId) {
        YearMonth month = month();
        long now = System.currentTimeMillis();
        Month known = stored.compute(organizationId, (id, was) -> was != null && was.month().equals(month)
                && now - was.readAt() < FRESH_MILLIS ? was : new Month(month, read(id, month), now));
        AtomicLong mine = pending.get(organizationId);
        return known.stored() + (mine == null ? 0 : mine.get());
    }

    /** Whether a call was admitted, and the clinic's calls this month with it. */
    public record Admission(boolean admitted, long used) {}

    /**
     * Counts one call of the clinic's, when {@code limit} (if any) allows it. Under a limit, the clinic's calls on
     * this node are admitted one at a time, so that two at the last call of the quota do not both get it.
     */
    public Admission admit(int organizationId, java.util.OptionalLong limit) {
        AtomicLong mine = pending.computeIfAbsent(organizationId, id -> new AtomicLong());
        if (limit.isEmpty()) {
            mine.incrementAndGet();
            return new Admission(true, -1);
        }
        synchronized (mine) {
            long used = used(organizationId);
            if (used >= limit.getAsLong()) {
                return new Admission(false, used);
            }
            mine.incrementAndGet();
            return new Admission(true, used + 1);
        }
    }

    /** Adds this node's counts to the clinics' rows, and learns the other nodes' with them. */
    public void flush() {
        YearMonth month = month();
        for (Map.Entry<Integer, AtomicLong> entry : pending.entrySet()) {
            long calls = entry.getValue().get();
            if (calls == 0) {
                continue;
            }
            Long total = jdbc.queryForObject("""
                    INSERT INTO cura_api_calls (organization_id, month, calls) VALUES (?, ?, ?)
                    ON CONFLICT (organization_id, month) DO UPDATE SET calls = cura_api_calls.calls + EXCLUDED.calls
                    RETURNING calls""", Long.class, entry.getKey(), Date.valueOf(month.atDay(1)), calls);
            stored.put(entry.getKey(), new Month(month, total == null ? calls : total, System.currentTimeMillis()));
            // taken off only now: meanwhile the calls were counted twice, never not at all
            entry.getValue().addAndGet(-calls);
        }
    }

    private long read(int organizationId, YearMonth month) {
        return jdbc.queryForList("SELECT calls FROM cura_api_calls WHERE organization_id = ? AND month = ?",
                Long.class, organizationId, Date.valueOf(month.atDay(1))).stream().findFirst().orElse(0L);
    }

    /** The first instant of next month, when every quota starts again. */
    public java.time.Instant nextMonth() {
        LocalDate first = month().plusMonths(1).atDay(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
