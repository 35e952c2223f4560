package health.cura.fhir.audit;

import java.util.Optional;

/**
 * Who made a request and from where, as the audit trail records it.
 *
 * @param userRowId the staff member's {@code users} row, when one signed in
 * @param account   the staff member's username
 * @param clientId  the OAuth client (app or backend service)
 * @param sessionId the access token's id ({@code jti})
 * @param purpose   the purpose of use the client declared ({@code X-Purpose-Of-Use}), e.g. {@code TREAT}
 * @param ipAddress the client's address
 * @param userAgent the client's user agent
 */
public record Requester(
        Optional<Integer> userRowId,
        Optional<String> account,
        Optional<String> clientId,
        Optional<String> sessionId,
        Optional<String> purpose,
        Optional<String> ipAddress,
        Optional<String> userAgent) {}
