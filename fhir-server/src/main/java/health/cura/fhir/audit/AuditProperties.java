package health.cura.fhir.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's safeguards.
 *
 * @param checkpointInterval how often the head of each clinic's audit chain is recorded as a checkpoint, so that rows
 *                           removed from the trail's end are found; every node may take them, each once
 * @param retention          how long audit rows are kept; older ones are purged from the start of each clinic's
 *                           chain, which stays verifiable. Default 8 years (2922 days), the adult health record's
 *                           period, so that the trail outlasts the records it tells of
 * @param retentionPurgeInterval how often rows past the retention period are purged; every node may run it
 */
@ConfigurationProperties("cura.audit")
public record AuditProperties(@DefaultValue("5m") Duration checkpointInterval,
        @DefaultValue("2922d") Duration retention,
        @DefaultValue("1d") Duration retentionPurgeInterval) {}
