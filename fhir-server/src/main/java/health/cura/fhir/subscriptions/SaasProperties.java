package health.cura.fhir.subscriptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's SaaS billing.
 *
 * @param currency the ISO 4217 currency the platform prices its packages and bills its clinics in
 */
@ConfigurationProperties("cura.saas")
public record SaasProperties(@DefaultValue("GBP") String currency) {}
