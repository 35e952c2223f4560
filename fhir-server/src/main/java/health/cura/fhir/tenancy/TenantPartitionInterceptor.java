package health.cura.fhir.tenancy;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HapiJpaConfiguration;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/**
 * Maps the tenant segment of {@code /fhir/{tenant}/} to its clinic's HAPI partition, and keeps each request inside it.
 *
 * <ul>
 *   <li>An unknown tenant is a 404, before anything else runs, with the same answer whether or not the name ever
 *       existed.
 *   <li>{@code DEFAULT} is the shared partition: conformance resources and platform operations only.
 *   <li>Shared conformance resources may be read through a clinic's URL; HAPI itself refuses to write them there
 *       (422), since the write would land in every clinic's view.
 * </ul>
 */
@Component
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.TENANT)
@Interceptor
public class TenantPartitionInterceptor {

    public static final String DEFAULT_TENANT = HapiJpaConfiguration.DEFAULT_TENANT;

    private final TenantDirectory tenants;

    public TenantPartitionInterceptor(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean admitRequest(RequestDetails request) {
        String tenantId = request.getTenantId();
        if (DEFAULT_TENANT.equals(tenantId)) {
            String type = request.getResourceName();
            if (type != null && !SharedConformanceTypes.contains(type)) {
                throw new InvalidRequestException("The DEFAULT partition holds shared conformance resources only; "
                        + type + " resources belong to a clinic: use /fhir/{tenant}/" + type);
            }
            return true;
        }
        resolve(tenantId);
        return true;
    }

    /**
     * HAPI generates one CapabilityStatement for the whole server and caches it; a clinic's client should see its own
     * base URL and name. The cached statement is shared by every tenant, so each response gets a copy.
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean describeTenant(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof CapabilityStatement shared) {
            CapabilityStatement statement = shared.copy();
            statement.getImplementation().setUrl(request.getFhirServerBase());
            String tenantId = request.getTenantId();
            if (tenantId != null && !DEFAULT_TENANT.equals(tenantId)) {
                tenants.findBySubdomain(tenantId).ifPresent(tenant ->
                        statement.getImplementation().setDescription("Cura FHIR server: " + tenant.name()));
            }
            response.setResponseResource(statement);
        }
        return true;
    }

    @Hook(Pointcut.STORAGE_PARTITION_IDENTIFY_ANY)
    public RequestPartitionId identifyPartition(RequestDetails request) {
        if (request instanceof SystemRequestDetails system && system.getRequestPartitionId() != null) {
            return system.getRequestPartitionId();
        }
        String tenantId = request == null ? null : request.getTenantId();
        if (tenantId == null || DEFAULT_TENANT.equals(tenantId)) {
            return RequestPartitionId.defaultPartition();
        }
        return resolve(tenantId).partition();
    }

    private Tenant resolve(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new InvalidRequestException("No tenant in the URL: address a clinic as /fhir/{tenant}/");
        }
        return tenants.findBySubdomain(tenantId)
                .orElseThrow(() -> new ResourceNotFoundException("Unknown tenant: " + sanitize(tenantId)));
    }

    /** The tenant name is echoed in the error; keep it to the characters a subdomain may hold. */
    private static String sanitize(String tenantId) {
        String kept = tenantId.replaceAll("[^A-Za-z0-9-]", "?");
        return kept.length() > 63 ? kept.substring(0, 63) + "..." : kept;
    }
}
