package health.cura.fhir.billing.quickbooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.billing.BillingClinic;
import health.cura.fhir.identity.secrets.SecretCipher;
import health.cura.fhir.identity.secrets.SecretsProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * QuickBooks Online: the clinics' connections (and the sealing of tokens other software wrote in the clear), the
 * sync of invoices and payments, its operations and its schedule.
 */
@Configuration(proxyBeanMethods = false)
public class QuickBooksConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QuickBooksConfiguration.class);

    @Bean
    QuickBooksConnections quickBooksConnections(
            JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretCipher cipher) {
        return new QuickBooksConnections(jdbc, new TransactionTemplate(transactions), cipher);
    }

    @Bean
    QuickBooksApi quickBooksApi(QuickBooksProperties properties, ObjectMapper json) {
        return new QuickBooksApi(properties, json, Clock.systemUTC());
    }

    @Bean
    QuickBooksAccess quickBooksAccess(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            QuickBooksConnections connections, QuickBooksApi api) {
        return new QuickBooksAccess(jdbc, new TransactionTemplate(transactions), connections, api, Clock.systemUTC());
    }

    @Bean
    QuickBooksSync quickBooksSync(JdbcTemplate jdbc, QuickBooksApi api, QuickBooksAccess access, ObjectMapper json,
            QuickBooksProperties properties) {
        return new QuickBooksSync(jdbc, api, access, json, properties, Clock.systemUTC());
    }

    @Bean
    QuickBooksConnectOperation quickBooksConnectOperation(BillingClinic clinics, QuickBooksApi api,
            QuickBooksConnections connections) {
        return new QuickBooksConnectOperation(clinics, api, connections);
    }

    @Bean
    QuickBooksConfigureOperation quickBooksConfigureOperation(BillingClinic clinics, QuickBooksSync sync,
            JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new QuickBooksConfigureOperation(clinics, sync, jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    QuickBooksSyncOperation quickBooksSyncOperation(BillingClinic clinics, QuickBooksSync sync,
            QuickBooksAccess access, JdbcTemplate jdbc) {
        return new QuickBooksSyncOperation(clinics, sync, access, jdbc);
    }

    @Bean
    QuickBooksStatusOperation quickBooksStatusOperation(BillingClinic clinics, QuickBooksSync sync,
            JdbcTemplate jdbc) {
        return new QuickBooksStatusOperation(clinics, sync, jdbc);
    }

    /** Every {@code cura.quickbooks.poll-interval}: the clinics that sync by themselves. */
    @Bean
    SchedulingConfigurer quickBooksSyncSchedule(JdbcTemplate jdbc, QuickBooksSync sync,
            QuickBooksProperties properties) {
        QuickBooksSyncJob job = new QuickBooksSyncJob(jdbc, sync);
        return tasks -> tasks.addFixedDelayTask(job::run, properties.pollInterval());
    }

    /** At start, then every {@code cura.secrets.seal-interval}. */
    @Bean
    SchedulingConfigurer quickBooksTokenSealing(QuickBooksConnections connections, SecretsProperties properties) {
        return tasks -> tasks.addFixedDelayTask(() -> {
            int sealed = connections.sealPlaintextTokens();
            if (sealed > 0) {
                log.info("Encrypted the QuickBooks tokens of {} connections that were stored in the clear", sealed);
            }
        }, properties.sealInterval());
    }
}
