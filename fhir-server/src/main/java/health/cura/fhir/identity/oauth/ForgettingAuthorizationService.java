package health.cura.fhir.identity.oauth;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/** The stored authorizations, telling {@link ActiveAccessTokens} whenever one changes (revocation, refresh). */
final class ForgettingAuthorizationService implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService stored;
    private final ActiveAccessTokens activeTokens;

    ForgettingAuthorizationService(OAuth2AuthorizationService stored, ActiveAccessTokens activeTokens) {
        this.stored = stored;
        this.activeTokens = activeTokens;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        stored.save(authorization);
        activeTokens.forget(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        stored.remove(authorization);
        activeTokens.forget(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return stored.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return stored.findByToken(token, tokenType);
    }
}
