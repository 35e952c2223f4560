package health.cura.fhir.grant;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;

/** The {@link AccessGrant} of the token a FHIR request was authenticated with, if any. */
public final class RequestGrants {

    private RequestGrants() {}

    private static final String KEY = RequestGrants.class.getName();

    public static Optional<AccessGrant> of(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet
                && servlet.getServletRequest() != null
                && servlet.getServletRequest().getUserPrincipal() instanceof GrantAuthentication authentication) {
            // kept for the entries of a batch or transaction: HAPI's sub-requests share their bundle's user data,
            // but carry no servlet request of their own, and may run on another thread
            servlet.getUserData().putIfAbsent(KEY, authentication.grant());
            return Optional.of(authentication.grant());
        }
        if (request != null && request.isSubRequest() && request.getUserData().get(KEY) instanceof AccessGrant grant) {
            return Optional.of(grant);
        }
        return Optional.empty();
    }
}
