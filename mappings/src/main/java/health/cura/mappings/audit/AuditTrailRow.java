package health.cura.mappings.audit;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code gdpr_audit_trail} row: who did what to which patient's record, from where.
 *
 * @param id            the row id
 * @param userId        the acting {@code users} row, when a staff member acted
 * @param patientId     the {@code patients} row touched
 * @param action        {@code create}, {@code read}, {@code update}, {@code delete}, {@code export}, ... or
 *                      {@code denied} and {@code login_failed} for refusals
 * @param resourceType  the kind of record ({@code patient}, {@code prescription}, {@code lab_result}, ...)
 * @param resourceId    the Cura row of the record, where it has one
 * @param purpose       the purpose of use the client gave
 * @param ipAddress     the client's address
 * @param userAgent     the client's user agent
 * @param sessionId     the access token's id ({@code jti}), tying the entry to one grant
 * @param timestamp     when, in UTC
 * @param metadata      the FHIR side: {@code auditEventId}, {@code interaction}, {@code fhirType}, {@code fhirIds},
 *                      {@code clientId}, {@code account}, {@code outcome}, {@code query}, ...
 */
public record AuditTrailRow(
        int id,
        Optional<Integer> userId,
        Optional<Integer> patientId,
        String action,
        String resourceType,
        Optional<Integer> resourceId,
        Optional<String> purpose,
        Optional<String> ipAddress,
        Optional<String> userAgent,
        Optional<String> sessionId,
        LocalDateTime timestamp,
        Map<String, Object> metadata) {

    public AuditTrailRow {
        metadata = Map.copyOf(metadata);
    }

    public Optional<String> text(String key) {
        Object value = metadata.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** The FHIR ids of the records the entry covers ({@code Type/id}). */
    public List<String> fhirIds() {
        return metadata.get("fhirIds") instanceof List<?> ids ? ids.stream().map(String::valueOf).toList() : List.of();
    }
}
