package health.cura.fhir.hapi;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.StatusEnum;
import java.util.Set;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the server's background jobs (bulk exports, reindexing) along. HAPI advances a job from one step to the next
 * in its maintenance pass, once a minute, so a small export would take three or four minutes; while such a job is
 * unfinished, a pass runs every two seconds.
 */
@Component
public class BatchJobPacing {

    private static final Set<StatusEnum> UNFINISHED =
            Set.of(StatusEnum.QUEUED, StatusEnum.IN_PROGRESS, StatusEnum.FINALIZE);

    private final IJobCoordinator jobs;
    private final IJobMaintenanceService maintenance;

    public BatchJobPacing(IJobCoordinator jobs, IJobMaintenanceService maintenance) {
        this.jobs = jobs;
        this.maintenance = maintenance;
    }

    @Scheduled(fixedDelay = 2000, initialDelay = 2000)
    public void advanceUnfinishedJobs() {
        if (BatchJobPartitions.JOBS.stream().anyMatch(job ->
                !jobs.getJobInstancesByJobDefinitionIdAndStatuses(job, UNFINISHED, 1, 0).isEmpty())) {
            // HAPI's own pass holds a lock: a pass already running makes this one return at once.
            maintenance.runMaintenancePass();
        }
    }
}
