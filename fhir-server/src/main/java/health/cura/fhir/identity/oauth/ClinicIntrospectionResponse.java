package health.cura.fhir.identity.oauth;

import health.cura.fhir.grant.TokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The introspection answer (RFC 7662), kept within one clinic: a clinic's client asking about a token of another
 * clinic is told only that it is not active, as for a token that does not exist. The platform's clients, which belong
 * to no clinic, are told about any token.
 */
final class ClinicIntrospectionResponse implements AuthenticationSuccessHandler {

    private final HttpMessageConverter<OAuth2TokenIntrospection> converter =
            new OAuth2TokenIntrospectionHttpMessageConverter();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2TokenIntrospection claims =
                ((OAuth2TokenIntrospectionAuthenticationToken) authentication).getTokenClaims();
        String askingClinic = authentication.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                ? client.getRegisteredClient().getClientSettings().getSetting(ClientSettingNames.TENANT)
                : null;
        Object tokenClinic = claims.getClaims().get(TokenClaims.TENANT);
        if (claims.isActive() && askingClinic != null && !Objects.equals(askingClinic, tokenClinic)) {
            claims = OAuth2TokenIntrospection.builder().build();
        }
        converter.write(claims, null, new ServletServerHttpResponse(response));
    }
}
