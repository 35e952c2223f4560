package health.cura.fhir.identity.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature was verified, so that the bearer's next requests skip parsing and the
 * signature check (about a tenth of a read's CPU, measured). The claims are still validated on every request: expiry,
 * issuer, audience and revocation are never taken from the cache. Keyed by the whole signed token, so only its bearer
 * can hit an entry.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier  parses a token and checks its signature, validating nothing else
     * @param validator what every request checks of the claims
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration remembered) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(20_000).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token, verifier::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
