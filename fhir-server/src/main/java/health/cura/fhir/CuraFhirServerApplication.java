package health.cura.fhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Cura FHIR server: HAPI FHIR JPA (R4) on PostgreSQL, one request partition per clinic.
 */
@SpringBootApplication(
        exclude = {
            // HAPI defines its own EntityManagerFactory; Boot's would compete with it.
            HibernateJpaAutoConfiguration.class,
            // HAPI carries an Elasticsearch client on its classpath; no search cluster is used.
            ElasticsearchClientAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class
        })
@ConfigurationPropertiesScan
// One switch for every scheduled job of every feature (each is safe on several nodes).
@EnableScheduling
public class CuraFhirServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CuraFhirServerApplication.class, args);
    }
}
