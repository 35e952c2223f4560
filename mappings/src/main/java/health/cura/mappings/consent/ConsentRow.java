package health.cura.mappings.consent;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The columns of a {@code gdpr_consents} row that a FHIR Consent owns. Not owned: {@code withdrawn_at} (set by the
 * server when the status becomes withdrawn), {@code retention_period}, {@code ip_address}, {@code user_agent},
 * {@code consent_method}, {@code metadata} and the timestamps.
 *
 * @param grantedAt UTC
 * @param expiresAt UTC
 */
public record ConsentRow(
        int patientId,
        String consentType,
        String status,
        LocalDateTime grantedAt,
        LocalDateTime expiresAt,
        String purpose,
        String legalBasis,
        List<String> dataCategories) {

    public ConsentRow {
        dataCategories = List.copyOf(dataCategories);
    }
}
