package health.cura.fhir.identity.oauth;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a SMART Backend Services token request, which carries the client's signed assertion but, unlike what Spring
 * Authorization Server expects, no {@code client_id}: the client is the assertion's {@code sub}. The signature and
 * claims are checked afterwards, by the assertion provider, against that client's registered keys.
 */
public final class SmartClientAssertionConverter implements AuthenticationConverter {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String type = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
        String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
        if (!JWT_BEARER.equals(type) || assertion == null || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null) {
            return null; // not ours: Spring's own converters handle it
        }
        String clientId;
        try {
            clientId = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            clientId = null;
        }
        if (clientId == null || clientId.isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                    "client_assertion must be a signed JWT whose sub is the client id", null));
        }
        // The assertion provider recognises assertions by this method name, and reports PRIVATE_KEY_JWT itself.
        return new OAuth2ClientAuthenticationToken(clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion,
                Map.of());
    }
}
