package health.cura.fhir.identity.oauth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets a public app (no secret, no key) use its refresh token: the refresh token itself, bound to the app it was
 * issued to, is the proof. The app may name itself with {@code client_id}; the SMART JavaScript client by default
 * does not, so the app is then the one the refresh token belongs to.
 */
final class PublicClientRefresh {

    private PublicClientRefresh() {}

    static final class Converter implements AuthenticationConverter {
        private final OAuth2AuthorizationService authorizations;
        private final RegisteredClientRepository clients;

        Converter(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients) {
            this.authorizations = authorizations;
            this.clients = clients;
        }

        @Override
        public Authentication convert(HttpServletRequest request) {
            boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
            boolean otherCredentials = request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                    || request.getHeader("Authorization") != null;
            String refreshToken = request.getParameter(OAuth2ParameterNames.REFRESH_TOKEN);
            if (!"POST".equals(request.getMethod()) || !refresh || otherCredentials || refreshToken == null) {
                return null;
            }
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            if (clientId == null) {
                OAuth2Authorization authorization =
                        authorizations.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN);
                RegisteredClient client =
                        authorization == null ? null : clients.findById(authorization.getRegisteredClientId());
                if (client == null) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
                }
                clientId = client.getClientId();
            }
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, null);
        }
    }

    static final class Provider implements AuthenticationProvider {
        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                    || token.getAdditionalParameters() != null && !token.getAdditionalParameters().isEmpty()
                    || token.isAuthenticated()) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
