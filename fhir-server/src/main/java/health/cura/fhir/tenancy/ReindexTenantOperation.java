package health.cura.fhir.tenancy;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrl;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import java.util.Locale;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/DEFAULT/$reindex-tenant}: rebuilds the search indexes of one clinic's resources, say after a
 * search parameter changed, with HAPI's reindex job bound to that clinic's partition alone; every other clinic's
 * resources are left as they are. HAPI's own {@code $reindex} (and its other administrative operations) stay refused
 * to every token, since they take no partition and would run for all. The same operation with {@code jobId} answers
 * how far that job has got.
 */
@Component
public class ReindexTenantOperation implements CuraOperation {

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation("reindex-tenant", "Reindex one clinic",
                    "Starts rebuilding the search indexes of every resource of one clinic, in the background, and "
                            + "answers the job's id; no other clinic's resources are read or written. With jobId, "
                            + "answers that job's status instead of starting one.")
            .system()
            .changesState()
            .in("tenant", "string", 1, "1", "the clinic's subdomain")
            .in("jobId", "string", 0, "1", "a job this operation started for the clinic, to report on")
            .out("jobId", "string", 1, "1", "the reindex job's id")
            .out("status", "code", 1, "1", "queued | in-progress | finalize | completed | errored (being retried) | "
                    + "failed | cancelled")
            .out("progress", "decimal", 0, "1", "the share of the job done, from 0 to 1")
            .out("resourcesProcessed", "integer", 0, "1", "the resources reindexed so far")
            .build();

    private final TenantDirectory tenants;
    private final IJobCoordinator jobs;
    private final DaoRegistry daos;

    public ReindexTenantOperation(TenantDirectory tenants, IJobCoordinator jobs, DaoRegistry daos) {
        this.tenants = tenants;
        this.jobs = jobs;
        this.daos = daos;
    }

    @Operation(name = "$reindex-tenant", idempotent = false)
    public Parameters reindexTenant(
            @OperationParam(name = "tenant", min = 1) StringType tenant,
            @OperationParam(name = "jobId") StringType jobId,
            RequestDetails request) {
        String subdomain = tenant == null ? null : tenant.getValue();
        if (subdomain == null || subdomain.isBlank()) {
            throw new InvalidRequestException("Parameter 'tenant' is required: the subdomain of the clinic to reindex");
        }
        Tenant clinic = tenants.findBySubdomain(subdomain).orElseThrow(() ->
                new InvalidRequestException("Parameter 'tenant': no clinic has the subdomain '" + subdomain + "'"));
        RequestPartitionId partition = clinic.partition();
        if (jobId != null && jobId.getValue() != null) {
            return status(reindexJobOf(jobId.getValue(), partition, subdomain));
        }
        ReindexJobParameters parameters = new ReindexJobParameters();
        for (String type : daos.getRegisteredDaoTypes()) {
            parameters.addPartitionedUrl(new PartitionedUrl().setUrl(type + "?").setRequestPartitionId(partition));
        }
        parameters.setRequestPartitionId(partition);
        String started = jobs.startInstance(request,
                new JobInstanceStartRequest(ReindexUtils.JOB_REINDEX, parameters)).getInstanceId();
        return status(jobs.getInstance(started));
    }

    /** The reindex job of that id, if it was started for the clinic's partition. */
    private JobInstance reindexJobOf(String id, RequestPartitionId partition, String subdomain) {
        JobInstance job;
        try {
            job = jobs.getInstance(id);
        } catch (ResourceNotFoundException e) {
            job = null;
        }
        if (job == null || !ReindexUtils.JOB_REINDEX.equals(job.getJobDefinitionId())
                || !job.getParameters(ReindexJobParameters.class).getPartitionedUrls().stream()
                        .map(PartitionedUrl::getRequestPartitionId)
                        .allMatch(p -> Objects.equals(p, partition))) {
            throw new ResourceNotFoundException("No reindex job '" + id + "' of clinic '" + subdomain + "'");
        }
        return job;
    }

    private static Parameters status(JobInstance job) {
        Parameters out = new Parameters();
        out.addParameter().setName("jobId").setValue(new StringType(job.getInstanceId()));
        out.addParameter().setName("status")
                .setValue(new CodeType(job.getStatus().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        out.addParameter().setName("progress").setValue(new DecimalType(job.getProgress()));
        if (job.getCombinedRecordsProcessed() != null) {
            out.addParameter().setName("resourcesProcessed")
                    .setValue(new IntegerType(job.getCombinedRecordsProcessed()));
        }
        return out;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.platformOnly();
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }
}
