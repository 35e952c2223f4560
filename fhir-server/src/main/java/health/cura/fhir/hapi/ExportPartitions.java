package health.cura.fhir.hapi;

import ca.uhn.fhir.batch2.api.IJobInstance;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import org.springframework.stereotype.Component;

/**
 * Keeps a clinic's bulk export inside that clinic's partition. The export runs in background job steps, each with a
 * fresh system request that names no tenant; it is bound here to the partition the export was started in, which HAPI
 * keeps in the job's parameters. A step of an export that names none fails rather than reading another partition.
 */
@Component
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.TENANT)
@Interceptor
public class ExportPartitions {

    static final String BULK_EXPORT_JOB = "BULK_EXPORT";

    @Hook(Pointcut.STORAGE_BATCH_TASK_NEW_REQUEST_DETAILS)
    public void bindToPartition(IJobInstance job, RequestDetails request) {
        if (request instanceof SystemRequestDetails system && job instanceof JobInstance instance
                && BULK_EXPORT_JOB.equals(instance.getJobDefinitionId())) {
            RequestPartitionId partition =
                    instance.getParameters(BulkExportJobParameters.class).getPartitionIdForSecurity();
            if (partition != null) {
                system.setRequestPartitionId(partition);
            }
        }
    }
}
