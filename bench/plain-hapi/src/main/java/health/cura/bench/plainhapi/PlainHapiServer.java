package health.cura.bench.plainhapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;

/**
 * HAPI FHIR's JPA server, R4, on PostgreSQL, with HAPI's default storage settings and nothing of Cura's: no security,
 * validation, projection, audit or partitions. What the benchmark measures Cura against.
 */
@SpringBootApplication(exclude = {
    // HAPI's persistence unit is built in PlainHapiConfiguration
    HibernateJpaAutoConfiguration.class,
    // Flyway comes with HAPI's migrator; the starter lets Hibernate make the schema and has no migrations of its own
    FlywayAutoConfiguration.class,
    ElasticsearchClientAutoConfiguration.class,
    ElasticsearchRestClientAutoConfiguration.class
})
public class PlainHapiServer {

    public static void main(String[] args) {
        SpringApplication.run(PlainHapiServer.class, args);
    }
}
