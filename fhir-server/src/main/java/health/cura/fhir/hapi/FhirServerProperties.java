package health.cura.fhir.hapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the FHIR endpoint presents itself.
 *
 * @param serverAddress   the public base URL (up to, not including, the tenant), when the server sits behind a proxy;
 *                        empty to derive it from each request
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maximumPageSize the largest {@code _count} honoured
 */
@ConfigurationProperties("cura.fhir")
public record FhirServerProperties(
        @DefaultValue("") String serverAddress,
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("500") int maximumPageSize) {}
