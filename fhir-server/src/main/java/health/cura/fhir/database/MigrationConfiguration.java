package health.cura.fhir.database;

import health.cura.fhir.hapi.MigrationConnections;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates the Cura tables on connections of its own, not bound by the pool's request limits, and adopts a
 * database the Cura EMR already runs on instead of creating its tables again ({@link ExistingDatabaseAdoption}).
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    @Bean
    FlywayConfigurationCustomizer migrationConnections(DataSource dataSource) {
        return configuration -> configuration.dataSource(MigrationConnections.of(dataSource))
                .baselineVersion(ExistingDatabaseAdoption.ADOPTED_VERSION)
                .baselineDescription("existing Cura database adopted (db/README.md)");
    }

    @Bean
    FlywayMigrationStrategy existingDatabaseAdoption() {
        return new ExistingDatabaseAdoption();
    }
}
