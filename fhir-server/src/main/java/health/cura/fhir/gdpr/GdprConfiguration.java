package health.cura.fhir.gdpr;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.tables.ResourceLinks;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** GDPR: consent withdrawal and expiry, on the system clock in UTC. */
@Configuration(proxyBeanMethods = false)
class GdprConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    WithdrawConsentOperation withdrawConsentOperation(DaoRegistry daos, PlatformTransactionManager transactions,
            ResourceLinks links, JdbcTemplate jdbc, ObjectMapper json) {
        return new WithdrawConsentOperation(daos, new TransactionTemplate(transactions), links, jdbc, json, clock);
    }

    @Bean
    ConsentExpiry consentExpiry(JdbcTemplate jdbc) {
        return new ConsentExpiry(jdbc);
    }

    @Bean
    SchedulingConfigurer consentExpirySchedule(ConsentExpiry expiry, GdprProperties properties) {
        return tasks -> tasks.addFixedDelayTask(expiry::run, properties.consentExpiryInterval());
    }
}
