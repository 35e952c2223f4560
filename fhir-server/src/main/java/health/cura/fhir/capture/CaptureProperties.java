package health.cura.fhir.capture;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rows written by other software are brought into FHIR.
 *
 * @param enabled      whether this node applies captured changes (the triggers record them regardless; a node that does
 *                     not apply them leaves them to others)
 * @param workers      threads applying changes on this node; changes of one row are applied one at a time whatever
 *                     the number of workers or nodes
 * @param pollInterval how often a worker looks for changes when no notification has woken it; {@code NOTIFY} wakes it
 *                     at once, polling catches what a lost notification would miss
 * @param maxAttempts  how often a change that fails for a passing reason (the database busy, a conflict) is tried
 *                     before it is parked; a change that cannot be applied at all (a row no mapping can represent) is
 *                     parked at once
 * @param firstRetry   how long after its first failure a change is tried again; each further failure doubles it, up to
 *                     five minutes
 */
@ConfigurationProperties("cura.capture")
public record CaptureProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1") int workers,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration firstRetry) {}
