package health.cura.fhir.saas;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The platform's SaaS: its packages (issue 21, being built). */
@Configuration(proxyBeanMethods = false)
class SaasConfiguration {

    @Bean
    SaasPackages saasPackages(JdbcTemplate jdbc) {
        return new SaasPackages(jdbc);
    }

    @Bean
    CreatePackageOperation createPackageOperation(SaasPackages packages, ObjectMapper json,
            SaasProperties properties) {
        return new CreatePackageOperation(packages, json, properties);
    }

    @Bean
    UpdatePackageOperation updatePackageOperation(SaasPackages packages, ObjectMapper json,
            SaasProperties properties) {
        return new UpdatePackageOperation(packages, json, properties);
    }
}
