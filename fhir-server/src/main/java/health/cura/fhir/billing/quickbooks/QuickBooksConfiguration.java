package health.cura.fhir.billing.quickbooks;

import health.cura.fhir.identity.secrets.SecretCipher;
import health.cura.fhir.identity.secrets.SecretsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** QuickBooks Online connections, and the sealing of their tokens that other software wrote in the clear. */
@Configuration(proxyBeanMethods = false)
public class QuickBooksConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QuickBooksConfiguration.class);

    @Bean
    QuickBooksConnections quickBooksConnections(
            JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretCipher cipher) {
        return new QuickBooksConnections(jdbc, new TransactionTemplate(transactions), cipher);
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
