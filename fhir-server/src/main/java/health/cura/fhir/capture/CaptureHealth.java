package health.cura.fhir.capture;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code capture} health group ({@code /actuator/health/capture}): DOWN when the oldest change other software made
 * has waited longer than {@code cura.capture.maximum-lag}, or the change log cannot be read. It is kept out of the
 * main health endpoint ({@link CaptureHealthGroups}), which stays UP while the server serves FHIR: a lagging applier
 * is a reason to look, not to take the node out of service.
 */
public final class CaptureHealth implements HealthIndicator {

    private final CaptureBacklog backlog;
    private final CaptureProperties properties;

    public CaptureHealth(CaptureBacklog backlog, CaptureProperties properties) {
        this.backlog = backlog;
        this.properties = properties;
    }

    @Override
    public Health health() {
        CaptureBacklog.Snapshot now = backlog.now();
        Health.Builder health = now.lag().compareTo(properties.maximumLag()) > 0 ? Health.down() : Health.up();
        return health.withDetail("lagSeconds", now.lag().toSeconds()).withDetail("waiting", now.waiting())
                .withDetail("backfillWaiting", now.backfillWaiting()).withDetail("parked", now.parked()).build();
    }
}
