package health.cura.fhir.gdpr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GDPR jobs of every clinic.
 *
 * @param consentExpiryInterval how often granted consents past their {@code expires_at} are marked expired (their
 *                              Consent follows through change capture); every node may run it
 */
@ConfigurationProperties("cura.gdpr")
public record GdprProperties(@DefaultValue("15m") Duration consentExpiryInterval) {}
