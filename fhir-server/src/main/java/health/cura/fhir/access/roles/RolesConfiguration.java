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
    StaffRoles staffRoles(JdbcTemplate jdbc) {
        return new StaffRoles(jdbc, REMEMBERED);
    }

    @Bean
    RolePermissionInterceptor rolePermissionInterceptor(
            FhirContext fhir, StaffRoles roles, OperationCatalog operations) {
        return new RolePermissionInterceptor(fhir, roles, new ClinicModules(fhir), new ProtectedFields(fhir),
                operations);
    }
}
