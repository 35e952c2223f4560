package health.cura.fhir.subscriptions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.partition.IRequestPartitionHelperSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.HapiJpaConfiguration;
import health.cura.fhir.hapi.Phase;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code cura_stored_content}, the bytes each of a clinic's resources holds, with every write, whoever makes it
 * (a request, an erasure, the retention purge), in the write's transaction; V27's trigger adds the difference to the
 * clinic's storage count. Before {@link PlanLimitGate}'s check at commit, which it feeds.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.PROJECT)
@Interceptor
public class StoredContentLedger {

    /** After the projection's rows, before the plan's check (500). */
    static final int ORDER = Phase.PROJECT_ORDER + 100;

    private final IRequestPartitionHelperSvc partitions;
    private final JdbcTemplate jdbc;

    public StoredContentLedger(IRequestPartitionHelperSvc partitions, JdbcTemplate jdbc) {
        this.partitions = partitions;
        this.jdbc = jdbc;
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = ORDER)
    public void created(IBaseResource resource, RequestDetails request) {
        keep(resource, request, false);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = ORDER)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        keep(resource, request, true);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = ORDER)
    public void deleted(IBaseResource resource, RequestDetails request) {
        OptionalInt clinic = clinic(request);
        if (clinic.isPresent() && StoredContent.mayHold(resource)) {
            forget(clinic.getAsInt(), resource);
        }
    }

    private void keep(IBaseResource resource, RequestDetails request, boolean update) {
        long bytes = StoredContent.remembered(resource);
        if (bytes == 0 && !(update && StoredContent.mayHold(resource))) {
            return;
        }
        OptionalInt clinic = clinic(request);
        if (clinic.isEmpty()) {
            return;
        }
        if (bytes == 0) {
            forget(clinic.getAsInt(), resource);
            return;
        }
        jdbc.update("""
                INSERT INTO cura_stored_content (organization_id, resource_type, resource_id, bytes)
                VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, resource_type, resource_id)
                DO UPDATE SET bytes = EXCLUDED.bytes WHERE cura_stored_content.bytes <> EXCLUDED.bytes""",
                clinic.getAsInt(), resource.fhirType(), resource.getIdElement().getIdPart(), bytes);
    }

    private void forget(int organizationId, IBaseResource resource) {
        jdbc.update("DELETE FROM cura_stored_content WHERE organization_id = ? AND resource_type = ? AND "
                + "resource_id = ?", organizationId, resource.fhirType(), resource.getIdElement().getIdPart());
    }

    private OptionalInt clinic(RequestDetails request) {
        RequestPartitionId partition = partitions.determineGenericPartitionForRequest(request);
        if (partition == null || partition.isAllPartitions() || partition.isDefaultPartition()
                || partition.getFirstPartitionIdOrNull() == null
                || partition.getFirstPartitionIdOrNull() == HapiJpaConfiguration.DEFAULT_PARTITION_ID) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(partition.getFirstPartitionIdOrNull());
    }
}
