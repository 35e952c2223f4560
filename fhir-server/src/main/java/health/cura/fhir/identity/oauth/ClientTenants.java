package health.cura.fhir.identity.oauth;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import org.hl7.fhir.r4.model.StringType;

/** The clinic a client operation is about: the URL's clinic, or at DEFAULT the one its {@code tenant} names. */
public final class ClientTenants {

    private final TenantDirectory tenants;

    public ClientTenants(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public String clinicOf(StringType tenant, RequestDetails request) {
        String named = tenant == null ? null : tenant.getValue();
        if (!TenantPartitionInterceptor.DEFAULT_TENANT.equals(request.getTenantId())) {
            if (named != null && !named.equals(request.getTenantId())) {
                throw new UnprocessableEntityException(
                        "tenant must be left out or be this clinic (" + request.getTenantId() + ")");
            }
            return request.getTenantId();
        }
        if (named == null || tenants.findBySubdomain(named).isEmpty()) {
            throw new UnprocessableEntityException("tenant must name an existing clinic");
        }
        return named;
    }
}
