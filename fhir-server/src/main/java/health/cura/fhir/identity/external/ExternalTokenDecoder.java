package health.cura.fhir.identity.external;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import health.cura.fhir.identity.SecurityProperties;
import health.cura.fhir.identity.oauth.VerifiedTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Checks the external provider's access tokens: its published keys, its issuer, their lifetime and audience. */
public final class ExternalTokenDecoder {

    private ExternalTokenDecoder() {}

    public static JwtDecoder create(SecurityProperties.ExternalIssuer provider, Duration verifiedRemembered) {
        if (provider.jwkSetUri().isBlank()) {
            throw new IllegalStateException("cura.security.external-issuer.jwk-set-uri is required with an issuer");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256,
                        SignatureAlgorithm.RS384, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
                // Access tokens are typed JWT by most providers, at+jwt by those following RFC 9068.
                .jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                        JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null)))
                .build();
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(JwtValidators.createDefaultWithIssuer(provider.issuer()));
        if (!provider.audience().isBlank()) {
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(provider.audience())));
        }
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(decoder, new DelegatingOAuth2TokenValidator<>(checks), verifiedRemembered);
    }
}
