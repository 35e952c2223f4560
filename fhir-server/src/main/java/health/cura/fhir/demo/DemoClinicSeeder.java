package health.cura.fhir.demo;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.cura.fhir.database.EmbeddedDatabaseConfiguration.EmbeddedDatabaseMarker;
import health.cura.fhir.tenancy.NewTenant;
import health.cura.fhir.tenancy.ProvisionedTenant;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.fhir.tenancy.TenantProvisioner;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the first start of the embedded database, creates the {@code demo} clinic and fills it with a small, realistic
 * practice, so that a newcomer's first {@code GET /fhir/demo/Patient} shows something. Never runs against a configured
 * (production) database, and never again once the tenant exists.
 */
@Component
@ConditionalOnBean(EmbeddedDatabaseMarker.class)
@Order(10)
@ConditionalOnProperty(name = "cura.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoClinicSeeder implements ApplicationRunner {

    static final String SUBDOMAIN = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoClinicSeeder.class);

    private final TenantDirectory tenants;
    private final TenantProvisioner provisioner;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final DemoClinicProperties properties;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    public DemoClinicSeeder(
            TenantDirectory tenants,
            TenantProvisioner provisioner,
            IFhirSystemDao<Bundle, ?> systemDao,
            DemoClinicProperties properties,
            JdbcTemplate jdbc,
            PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.tenants = tenants;
        this.provisioner = provisioner;
        this.systemDao = systemDao;
        this.properties = properties;
    }

    /**
     * The demo practitioners sign in as {@code firstname.lastname} with the configured password; the first one is the
     * clinic's administrator, the others are doctors.
     */
    private void giveStaffSignIns(int organizationId) {
        jdbc.update("""
                UPDATE users SET username = lower(first_name || '.' || last_name), password_hash = ?,
                    role = CASE WHEN id = (SELECT min(id) FROM users WHERE organization_id = ?) THEN 'admin'
                                ELSE 'doctor' END
                WHERE organization_id = ?""",
                passwords.encode(properties.staffPassword()), organizationId, organizationId);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenants.findBySubdomain(SUBDOMAIN).isPresent()) {
            return;
        }
        ProvisionedTenant demo = provisioner.provision(new NewTenant(
                "Cura Demo Clinic", SUBDOMAIN, "reception@demo.cura.example", "UK", "Cura Demo"));
        Bundle practice = new DemoPractice(
                        demo.organizationResourceId(), properties.patients(), 20251116L, LocalDate.now(ZoneOffset.UTC))
                .asTransaction();
        systemDao.transaction(SystemRequestDetails.forRequestPartitionId(demo.tenant().partition()), practice);
        giveStaffSignIns(demo.tenant().id());
        log.info("Demo clinic ready at /fhir/{}/ with {} resources", SUBDOMAIN, practice.getEntry().size());
    }
}
