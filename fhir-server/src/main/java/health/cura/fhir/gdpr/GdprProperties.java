package health.cura.fhir.gdpr;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GDPR jobs of every clinic.
 *
 * @param consentExpiryInterval how often granted consents past their {@code expires_at} are marked expired (their
 *                              Consent follows through change capture); every node may run it
 * @param clinicZone            the time zone whose calendar days the deadlines of data subject requests count in: a
 *                              request received at 23:30 UTC on 31 March in summer was received on 1 April in London
 * @param exportKeptFor         how long the ZIP of a patient's export made in the background is kept for fetching;
 *                              then it is dropped, and the export's row stays as the record of the disclosure
 * @param exportCleanupInterval how often archives past their keeping time are dropped; every node may run it
 * @param retentionPurgeInterval how often the records an erasure kept are purged once their retention period has
 *                              ended; every node may run it
 */
@ConfigurationProperties("cura.gdpr")
public record GdprProperties(@DefaultValue("15m") Duration consentExpiryInterval,
        @DefaultValue("Europe/London") ZoneId clinicZone,
        @DefaultValue("7d") Duration exportKeptFor,
        @DefaultValue("1h") Duration exportCleanupInterval,
        @DefaultValue("6h") Duration retentionPurgeInterval) {}
