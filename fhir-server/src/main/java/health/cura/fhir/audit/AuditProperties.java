package health.cura.fhir.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's safeguards.
 *
 * @param checkpointInterval how often the head of each clinic's audit chain is recorded as a checkpoint, so that rows
 *                           removed from the trail's end are found; every node may take them, each once
 */
@ConfigurationProperties("cura.audit")
public record AuditProperties(@DefaultValue("5m") Duration checkpointInterval) {}
