package health.cura.fhir.tenancy;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HapiJpaConfiguration;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last line of tenant isolation: every resource HAPI is about to return to a client must come from the request's
 * own partition or from the shared default partition.
 *
 * <p>HAPI does not record which partition a stored search belongs to, so a client of one clinic could page through
 * another clinic's search results with its {@code _getpages} id; this guard answers such a request as if the search
 * did not exist. For any other request a foreign resource is withheld and the event logged, since it means a bug.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class CrossTenantResponseGuard {

    private static final Logger log = LoggerFactory.getLogger(CrossTenantResponseGuard.class);

    private final TenantDirectory tenants;

    public CrossTenantResponseGuard(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /**
     * Every resource on its way to a client passes here: reads, searches with their includes, history, operations and
     * pages of stored searches alike ({@code STORAGE_PREACCESS_RESOURCES} misses the last).
     */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void withholdForeignResources(IPreResourceShowDetails details, RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails || request.getTenantId() == null) {
            return;
        }
        int allowed = allowedPartition(request.getTenantId());
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            Integer partition = resource == null ? null : partitionOf(resource);
            if (partition == null || partition == HapiJpaConfiguration.DEFAULT_PARTITION_ID || partition == allowed) {
                continue;
            }
            if (request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE) {
                // Word for word what HAPI says of a search id it has never seen, so the answer reveals nothing.
                String searchId = request.getParameters().getOrDefault("_getpages", new String[] {""})[0];
                throw new ResourceGoneException(
                        "HAPI-0417: Search ID \"" + searchId + "\" does not exist and may have expired");
            }
            log.error(
                    "Withheld a {} of partition {} from a {} request on partition {}",
                    resource.fhirType(),
                    partition,
                    request.getRestOperationType(),
                    allowed);
            details.setResource(i, null);
        }
    }

    private int allowedPartition(String tenantId) {
        if (TenantPartitionInterceptor.DEFAULT_TENANT.equals(tenantId)) {
            return HapiJpaConfiguration.DEFAULT_PARTITION_ID;
        }
        // An unknown tenant was refused before storage was reached; -1 matches no partition.
        return tenants.findBySubdomain(tenantId).map(Tenant::id).orElse(-1);
    }

    private static Integer partitionOf(IBaseResource resource) {
        Object value = resource.getUserData(Constants.RESOURCE_PARTITION_ID);
        return value instanceof RequestPartitionId partition ? partition.getFirstPartitionIdOrNull() : null;
    }
}
