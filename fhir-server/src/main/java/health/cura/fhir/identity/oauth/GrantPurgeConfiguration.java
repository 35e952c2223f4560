package health.cura.fhir.identity.oauth;

import health.cura.fhir.identity.SecurityProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Runs the {@link GrantPurge} every {@code cura.security.purge-interval}. */
@Configuration(proxyBeanMethods = false)
public class GrantPurgeConfiguration {

    @Bean
    GrantPurge grantPurge(JdbcTemplate jdbc, SecurityProperties properties) {
        return new GrantPurge(jdbc, Clock.systemUTC(), properties.refreshTokenLifetime(),
                properties.lockout().duration());
    }

    @Bean
    SchedulingConfigurer grantPurgeSchedule(GrantPurge purge, SecurityProperties properties) {
        return tasks -> tasks.addFixedDelayTask(purge::run, properties.purgeInterval());
    }
}
