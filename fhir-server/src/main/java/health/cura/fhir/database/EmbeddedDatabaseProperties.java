package health.cura.fhir.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the cluster lives; it survives restarts
 * @param port          the port it listens on (loopback only); 0 picks a free one
 */
@ConfigurationProperties("cura.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") Path dataDirectory, @DefaultValue("0") int port) {}
