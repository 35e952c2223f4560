package health.cura.fhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.GrantAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Who made a FHIR request, from its access token and its connection. */
final class FhirRequesters {

    /** The header a client names its purpose of use in (a v3 ActReason code such as {@code TREAT}). */
    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private FhirRequesters() {}

    static Optional<Requester> of(RequestDetails request) {
        if (!(request instanceof ServletRequestDetails servlet) || servlet.getServletRequest() == null
                || !(servlet.getServletRequest().getUserPrincipal() instanceof GrantAuthentication token)) {
            return Optional.empty();
        }
        HttpServletRequest http = servlet.getServletRequest();
        AccessGrant grant = token.grant();
        Optional<String> account = grant.userRowId().map(row -> grant.subject().substring(grant.subject().indexOf('/') + 1));
        return Optional.of(new Requester(grant.userRowId(), account, Optional.of(grant.clientId()),
                Optional.ofNullable(token.getToken().getId()),
                Optional.ofNullable(http.getHeader(PURPOSE_HEADER)).map(String::trim).filter(p -> !p.isEmpty())
                        .map(p -> p.length() > 50 ? p.substring(0, 50) : p),
                Optional.ofNullable(http.getRemoteAddr()), Optional.ofNullable(http.getHeader("User-Agent"))));
    }
}
