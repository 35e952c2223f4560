package health.cura.fhir.limits;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Gives every connection of the server's pool PostgreSQL's {@code statement_timeout}
 * ({@code cura.limits.statement-timeout}): no request's query can run on for minutes after its client gave up, holding
 * a connection and a core that every clinic shares. Set as the pool's connection SQL, so that it costs no round trip
 * per request; migrations run on connections of their own ({@code hapi.MigrationConnections}) and are not bounded.
 */
final class StatementTimeout implements BeanPostProcessor {

    private final Environment environment;

    StatementTimeout(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)) {
            Duration timeout = Binder.get(environment)
                    .bindOrCreate("cura.limits", RequestLimitsProperties.class).statementTimeout();
            String init = pool.getConnectionInitSql();
            pool.setConnectionInitSql((init == null || init.isBlank() ? "" : init + "; ")
                    + "SET statement_timeout TO " + timeout.toMillis());
        }
        return bean;
    }
}
