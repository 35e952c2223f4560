package health.cura.fhir.tenancy;

import health.cura.fhir.capture.CaptureClinics;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinics of captured rows: a clinic another program created while the server runs becomes a tenant (partition,
 * Organization) before its first row is applied, in a transaction of its own, so that a change that then fails and
 * rolls back does not take the tenant with it. Clinics known to be tenants are remembered, so that a change costs no
 * look-up beyond the directory's cache.
 */
@Component
public class CapturedClinics implements CaptureClinics {

    private final TenantDirectory directory;
    private final TenantProvisioner provisioner;
    private final TransactionTemplate ownTransaction;
    private final Set<Integer> tenants = ConcurrentHashMap.newKeySet();

    public CapturedClinics(TenantDirectory directory, TenantProvisioner provisioner,
            PlatformTransactionManager transactions) {
        this.directory = directory;
        this.provisioner = provisioner;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<String> tenantOf(int organizationId) {
        Optional<Tenant> tenant = directory.findById(organizationId);
        if (tenant.isPresent() && !tenants.contains(organizationId)) {
            // remembered only once it committed: a failed provisioning is tried again with the next change
            ownTransaction.executeWithoutResult(tx -> provisioner.adopt(organizationId));
            tenants.add(organizationId);
        }
        return tenant.map(Tenant::subdomain);
    }

    @Override
    public Optional<String> subdomainOf(int organizationId) {
        return directory.findById(organizationId).map(Tenant::subdomain);
    }

    @Override
    public Optional<Integer> organizationOf(String subdomain) {
        return directory.findBySubdomain(subdomain).map(Tenant::id);
    }
}
