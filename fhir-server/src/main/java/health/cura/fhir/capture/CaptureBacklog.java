package health.cura.fhir.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far behind the applier is, read from the change log at most once a second however many gauges, health checks
 * and status calls ask: changes waiting (the backfill's counted apart), the age of the oldest other change waiting
 * (the lag: what a clinic sees as the delay between its program's write and FHIR), and changes parked.
 */
public final class CaptureBacklog {

    private static final Duration FRESH = Duration.ofSeconds(1);

    /** @param lag zero when nothing but the backfill waits */
    public record Snapshot(long waiting, long backfillWaiting, Duration lag, long parked) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot last;
    private volatile Instant readAt = Instant.MIN;

    public CaptureBacklog(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("cura.capture.lag", this, b -> b.now().lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("age of the oldest change waiting to be applied (backfill not counted)")
                .register(meters);
        Gauge.builder("cura.capture.depth", this, b -> b.now().waiting())
                .description("changes waiting to be applied (backfill not counted)").register(meters);
        Gauge.builder("cura.capture.backfill.depth", this, b -> b.now().backfillWaiting())
                .description("backfill changes queued and waiting").register(meters);
        Gauge.builder("cura.capture.parked.depth", this, b -> b.now().parked())
                .description("changes parked until their row is fixed").register(meters);
    }

    public Snapshot now() {
        Instant at = clock.instant();
        Snapshot snapshot = last;
        if (snapshot != null && Duration.between(readAt, at).compareTo(FRESH) < 0) {
            return snapshot;
        }
        snapshot = jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE operation <> 'B'), count(*) FILTER (WHERE operation = 'B'),
                       coalesce(extract(epoch FROM clock_timestamp() - min(changed_at) FILTER (WHERE operation <> 'B'))
                           * 1000, 0)::bigint,
                       (SELECT count(*) FROM cura_parked_changes)
                FROM cura_row_changes""", (rs, n) -> new Snapshot(rs.getLong(1), rs.getLong(2),
                Duration.ofMillis(Math.max(0, rs.getLong(3))), rs.getLong(4)));
        last = snapshot;
        readAt = at;
        return snapshot;
    }
}
