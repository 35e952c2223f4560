package health.cura.fhir.identity.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Accepts an access token only while the authorization server still holds it as active, so that a revoked token
 * stops working although its signature stays valid. Answers are cached briefly, because every FHIR request asks;
 * this server's own revocations are forgotten at once, another instance's within the cache's lifetime.
 */
public final class ActiveAccessTokens implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error INACTIVE =
            new OAuth2Error("invalid_token", "The access token was revoked or is unknown to this server", null);

    private final OAuth2AuthorizationService authorizations;
    private final Cache<String, Boolean> active;

    public ActiveAccessTokens(OAuth2AuthorizationService authorizations, Duration remembered) {
        this.authorizations = authorizations;
        this.active = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(100_000).build();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        boolean isActive = active.get(token.getTokenValue(), this::lookUp);
        return isActive ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(INACTIVE);
    }

    private boolean lookUp(String tokenValue) {
        OAuth2Authorization authorization = authorizations.findByToken(tokenValue, OAuth2TokenType.ACCESS_TOKEN);
        return authorization != null
                && authorization.getAccessToken() != null
                && authorization.getAccessToken().isActive();
    }

    /** Drops what is remembered about an authorization's access token (it was just changed or removed). */
    void forget(OAuth2Authorization authorization) {
        if (authorization.getAccessToken() != null) {
            active.invalidate(authorization.getAccessToken().getToken().getTokenValue());
        }
    }
}
