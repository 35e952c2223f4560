package health.cura.fhir.identity.launch;

import health.cura.fhir.tables.ResourceLinks;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** SMART launch context: EHR launch ({@code $smart-launch}) and the standalone patient picker. */
@Configuration(proxyBeanMethods = false)
public class LaunchConfiguration {

    @Bean
    LaunchContexts launchContexts(JdbcTemplate jdbc) {
        return new LaunchContexts(jdbc, Clock.systemUTC());
    }

    @Bean
    PickablePatients pickablePatients(JdbcTemplate jdbc, ResourceLinks links) {
        return new PickablePatients(jdbc, links);
    }

    @Bean
    SmartLaunchOperation smartLaunchOperation(
            LaunchContexts launches, PickablePatients patients, RegisteredClientRepository clients) {
        return new SmartLaunchOperation(launches, patients, clients);
    }

    @Bean
    LaunchRequestValidator launchRequestValidator(LaunchContexts launches) {
        return new LaunchRequestValidator(launches);
    }
}
