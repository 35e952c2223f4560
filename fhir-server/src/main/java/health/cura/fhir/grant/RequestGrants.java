package health.cura.fhir.grant;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;

/** The {@link AccessGrant} of the token a FHIR request was authenticated with, if any. */
public final class RequestGrants {

    private RequestGrants() {}

    public static Optional<AccessGrant> of(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet
                && servlet.getServletRequest() != null
                && servlet.getServletRequest().getUserPrincipal() instanceof GrantAuthentication authentication) {
            return Optional.of(authentication.grant());
        }
        return Optional.empty();
    }
}
