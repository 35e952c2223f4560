package health.cura.fhir.access.roles;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.operations.OperationCatalog;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class RolesConfiguration {

    /** As long as a revoked token may still be honoured by another instance: role changes are no slower. */
    private static final Duration REMEMBERED = Duration.ofSeconds(30);

    @Bean
    RolePermissionInterceptor rolePermissionInterceptor(
            FhirContext fhir, JdbcTemplate jdbc, OperationCatalog operations) {
        return new RolePermissionInterceptor(fhir, new StaffRoles(jdbc, REMEMBERED), new ClinicModules(fhir),
                new ProtectedFields(fhir), operations);
    }
}
