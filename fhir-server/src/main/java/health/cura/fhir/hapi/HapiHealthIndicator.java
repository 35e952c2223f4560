package health.cura.fhir.hapi;

import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code hapi}: HAPI's storage answers, through its own partition registry (which
 * reads HAPI's tables in the database), not only the connection pool that the {@code db} component checks.
 */
@Component("hapi")
public class HapiHealthIndicator implements HealthIndicator {

    private final IPartitionLookupSvc partitions;

    public HapiHealthIndicator(IPartitionLookupSvc partitions) {
        this.partitions = partitions;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("partitions", partitions.listPartitions().size()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
