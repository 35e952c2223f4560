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
 *                     the number of workers or nodes. Four on two cores apply about twice as many changes a second as
 *                     one (bench/reports/capture-4-workers): a change's time is mostly HAPI's write and validation,
 *                     and round trips to the database overlap
 * @param pollInterval how often a worker looks for changes when no notification has woken it; {@code NOTIFY} wakes it
 *                     at once, polling catches what a lost notification would miss
 * @param maxAttempts  how often a change that fails for a passing reason (the database busy, a conflict) is tried
 *                     before it is parked; a change that cannot be applied at all (a row no mapping can represent) is
 *                     parked at once
 * @param firstRetry   how long after its first failure a change is tried again; each further failure doubles it, up to
 *                     five minutes
 * @param backfillAtStart whether a node starts a backfill when it starts (rows of mapped tables without a resource,
 *                     such as an existing database's, are then brought into FHIR); a backfill under way is resumed
 *                     whatever this says
 * @param backfillBatch how many rows a backfill queues at a time, and at most ahead of the workers
 * @param maximumLag   the age of the oldest waiting change (other than the backfill's) above which the {@code capture}
 *                     health group reports DOWN
 */
@ConfigurationProperties("cura.capture")
public record CaptureProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int workers,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("true") boolean backfillAtStart,
        @DefaultValue("500") int backfillBatch,
        @DefaultValue("30s") Duration maximumLag) {}
