package health.cura.fhir.tenancy;

import health.cura.fhir.capture.CaptureClinics;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The clinics of captured rows: a clinic another program created while the server runs becomes a tenant (partition,
 * Organization) before its first row is applied. Clinics known to be tenants are remembered, so that a change costs no
 * look-up beyond the directory's cache.
 */
@Component
public class CapturedClinics implements CaptureClinics {

    private final TenantDirectory directory;
    private final TenantProvisioner provisioner;
    private final Set<Integer> tenants = ConcurrentHashMap.newKeySet();

    public CapturedClinics(TenantDirectory directory, TenantProvisioner provisioner) {
        this.directory = directory;
        this.provisioner = provisioner;
    }

    @Override
    public Optional<String> tenantOf(int organizationId) {
        Optional<Tenant> tenant = directory.findById(organizationId);
        if (tenant.isPresent() && !tenants.contains(organizationId)) {
            // remembered only once it worked: a failed provisioning is tried again with the next change
            provisioner.adopt(organizationId);
            tenants.add(organizationId);
        }
        return tenant.map(Tenant::subdomain);
    }

    @Override
    public Optional<Integer> organizationOf(String subdomain) {
        return directory.findBySubdomain(subdomain).map(Tenant::id);
    }
}
