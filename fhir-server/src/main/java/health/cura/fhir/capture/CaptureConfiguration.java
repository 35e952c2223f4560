package health.cura.fhir.capture;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.cura.fhir.hapi.MigrationConnections;
import health.cura.fhir.tables.ResourceLinks;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Change capture: the change log's migration, the applier, its workers. */
@Configuration(proxyBeanMethods = false)
public class CaptureConfiguration {

    /** Picked up by Flyway with the SQL migrations (V11). */
    @Bean
    ChangeLogMigration changeLogMigration() {
        return new ChangeLogMigration();
    }

    @Bean
    CapturedWrites capturedWrites(DaoRegistry daos) {
        return new CapturedWrites(daos);
    }

    @Bean
    RowDependencies rowDependencies(JdbcTemplate jdbc, ResourceLinks links, ObjectProvider<RowApplier> appliers) {
        return new RowDependencies(jdbc, links, appliers);
    }

    @Bean
    ChangeApplier changeApplier(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            List<RowApplier> appliers, CaptureClinics clinics, CaptureProperties properties, MeterRegistry meters) {
        return new ChangeApplier(jdbc, new TransactionTemplate(transactions), appliers, clinics, properties, meters);
    }

    @Bean
    ChangeWorker changeWorker(ChangeApplier applier, DataSource dataSource, CaptureProperties properties) {
        return new ChangeWorker(applier, MigrationConnections.of(dataSource), properties);
    }
}
