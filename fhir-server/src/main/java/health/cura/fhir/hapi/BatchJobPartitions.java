package health.cura.fhir.hapi;

import ca.uhn.fhir.batch2.api.IJobInstance;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrl;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrlJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Keeps a clinic's background jobs (bulk export, reindexing) inside that clinic's partition. Such a job runs in steps,
 * each with a fresh system request that names no tenant; it is bound here to the partition the job was started for,
 * which HAPI keeps in the job's parameters. A step of a job that names none is left unbound and fails rather than
 * reading another partition.
 */
@Component
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.TENANT)
@Interceptor
public class BatchJobPartitions {

    static final String BULK_EXPORT_JOB = "BULK_EXPORT";
    static final String REINDEX_JOB = ReindexUtils.JOB_REINDEX;

    /** The jobs of HAPI's that the server runs, all bound to one partition each. */
    static final Set<String> JOBS = Set.of(BULK_EXPORT_JOB, REINDEX_JOB);

    @Hook(Pointcut.STORAGE_BATCH_TASK_NEW_REQUEST_DETAILS)
    public void bindToPartition(IJobInstance job, RequestDetails request) {
        if (request instanceof SystemRequestDetails system && job instanceof JobInstance instance) {
            RequestPartitionId partition = switch (instance.getJobDefinitionId()) {
                case BULK_EXPORT_JOB -> instance.getParameters(BulkExportJobParameters.class)
                        .getPartitionIdForSecurity();
                case REINDEX_JOB -> onlyPartition(instance.getParameters(ReindexJobParameters.class));
                default -> null;
            };
            if (partition != null) {
                system.setRequestPartitionId(partition);
            }
        }
    }

    /** The one partition every URL of the job is for, or null when they name none or several. */
    private static RequestPartitionId onlyPartition(PartitionedUrlJobParameters parameters) {
        Set<RequestPartitionId> partitions = parameters.getPartitionedUrls().stream()
                .map(PartitionedUrl::getRequestPartitionId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return partitions.size() == 1 ? partitions.iterator().next() : null;
    }
}
