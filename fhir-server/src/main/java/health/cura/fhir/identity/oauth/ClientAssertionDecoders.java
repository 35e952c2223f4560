package health.cura.fhir.identity.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * Checks the signed JWT a backend service authenticates with ({@code private_key_jwt}) the way SMART Backend Services
 * asks: signed RS384 or ES384 with a key from the client's JWK Set (inline, or at its {@code jwks_uri}); {@code iss}
 * and {@code sub} are the client id; {@code aud} is this server's token endpoint; {@code exp} at most five minutes
 * ahead; and a {@code jti} never seen before.
 */
public final class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    private static final Duration MAXIMUM_LIFETIME = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Clock clock;
    /** Assertion ids already used, kept until the assertion would have expired anyway. */
    private final Cache<String, Boolean> usedIds = Caffeine.newBuilder()
            .expireAfterWrite(MAXIMUM_LIFETIME.plus(CLOCK_SKEW).plus(CLOCK_SKEW))
            .maximumSize(1_000_000)
            .build();
    /** A decoder per client and key set, so that a remote key set is fetched once, not per request. */
    private final Cache<String, JwtDecoder> decoders =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();

    public ClientAssertionDecoders(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        String inline = client.getClientSettings().getSetting(ClientSettingNames.JWKS);
        String url = client.getClientSettings().getJwkSetUrl();
        String cacheKey = client.getClientId() + "|" + Objects.hashCode(inline) + "|" + url;
        return decoders.get(cacheKey, key -> build(client.getClientId(), inline, url));
    }

    private JwtDecoder build(String clientId, String inlineJwks, String jwksUrl) {
        JWKSource<SecurityContext> keys = keySource(inlineJwks, jwksUrl);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Claims are checked below, with messages that say which one is wrong.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, claims(clientId)));
        return decoder;
    }

    private static JWKSource<SecurityContext> keySource(String inlineJwks, String jwksUrl) {
        try {
            if (inlineJwks != null && !inlineJwks.isBlank()) {
                return new ImmutableJWKSet<>(JWKSet.parse(inlineJwks));
            }
            if (jwksUrl != null && !jwksUrl.isBlank()) {
                return JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).build();
            }
        } catch (ParseException | MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("The client's registered key set cannot be read", e);
        }
        throw new IllegalStateException("The client has no registered key set");
    }

    private OAuth2TokenValidator<Jwt> claims(String clientId) {
        return jwt -> {
            List<OAuth2Error> errors = new ArrayList<>();
            if (!clientId.equals(jwt.getClaimAsString("iss")) || !clientId.equals(jwt.getSubject())) {
                errors.add(invalid("iss and sub must both be the client id"));
            }
            String tokenEndpoint = tokenEndpoint();
            if (jwt.getAudience() == null || !jwt.getAudience().contains(tokenEndpoint)) {
                errors.add(invalid("aud must be the token endpoint, " + tokenEndpoint));
            }
            Instant expires = jwt.getExpiresAt();
            if (expires == null) {
                errors.add(invalid("exp is required"));
            } else if (expires.isAfter(clock.instant().plus(MAXIMUM_LIFETIME).plus(CLOCK_SKEW))) {
                errors.add(invalid("exp must be no more than five minutes in the future"));
            }
            String jti = jwt.getId();
            if (jti == null || jti.isBlank()) {
                errors.add(invalid("jti is required"));
            } else if (errors.isEmpty() && usedIds.asMap().putIfAbsent(clientId + "|" + jti, Boolean.TRUE) != null) {
                errors.add(invalid("this jti was already used"));
            }
            return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
        };
    }

    private static String tokenEndpoint() {
        var context = AuthorizationServerContextHolder.getContext();
        return context.getIssuer() + context.getAuthorizationServerSettings().getTokenEndpoint();
    }

    private static OAuth2Error invalid(String description) {
        return new OAuth2Error("invalid_client", "Client assertion: " + description, null);
    }
}
