package health.cura.fhir.tenancy;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.Search;
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
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last line of tenant isolation: every resource HAPI is about to return to a client must come from the request's
 * own partition or from the shared default partition.
 *
 * <p>HAPI does not check that a page of a stored search is asked for in the partition the search was made in, so a
 * client of one clinic could page through another clinic's search results with its {@code _getpages} id; this guard
 * answers such a request as if the search did not exist, from the partition HAPI records with the search, and
 * withholds any foreign resource from a page all the same. For any other request a foreign resource is withheld and the event logged, since it means a bug.
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.RESPOND)
@Interceptor
public class CrossTenantResponseGuard {

    private static final Logger log = LoggerFactory.getLogger(CrossTenantResponseGuard.class);

    private final TenantDirectory tenants;
    private final JdbcTemplate jdbc;

    public CrossTenantResponseGuard(TenantDirectory tenants, JdbcTemplate jdbc) {
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    /**
     * A page of another clinic's stored search is refused before HAPI reads it: a page past the end holds no resource
     * to withhold, and would still tell the search's total. HAPI stores a search's query string prefixed with its
     * partition, which is compared here with the request's own (or the shared default partition's, for conformance
     * types).
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refuseForeignSearchPages(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.GET_PAGE || request.getTenantId() == null) {
            return;
        }
        String searchId = searchId(request);
        List<String> stored = jdbc.queryForList("SELECT search_query_string_vc FROM hfj_search WHERE search_uuid = ?",
                String.class, searchId);
        if (stored.isEmpty() || stored.get(0) == null) {
            return;
        }
        int allowed = allowedPartition(request.getTenantId());
        if (!madeIn(stored.get(0), allowed) && !madeIn(stored.get(0), HapiJpaConfiguration.DEFAULT_PARTITION_ID)) {
            throw unknownSearch(searchId);
        }
    }

    /** Whether a stored query string carries that partition's prefix (and not a longer partition id's). */
    static boolean madeIn(String storedQuery, int partition) {
        String marker = "\u0000";
        String keyed = Search.createSearchQueryStringForStorage(marker, RequestPartitionId.fromPartitionId(partition));
        String prefix = keyed.substring(0, keyed.indexOf(marker));
        return storedQuery.startsWith(prefix) && (storedQuery.length() == prefix.length()
                || !Character.isDigit(storedQuery.charAt(prefix.length())));
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
                throw unknownSearch(searchId(request));
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

    private static String searchId(RequestDetails request) {
        return request.getParameters().getOrDefault("_getpages", new String[] {""})[0];
    }

    /** Word for word what HAPI says of a search id it has never seen, so the answer reveals nothing. */
    private static ResourceGoneException unknownSearch(String searchId) {
        return new ResourceGoneException("HAPI-0417: Search ID \"" + searchId + "\" does not exist and may have expired");
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
