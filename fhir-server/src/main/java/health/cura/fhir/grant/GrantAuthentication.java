package health.cura.fhir.grant;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated access token with the {@link AccessGrant} it carries. */
public final class GrantAuthentication extends JwtAuthenticationToken {

    private final AccessGrant grant;

    private GrantAuthentication(Jwt jwt, AccessGrant grant) {
        super(jwt, grant.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList(),
                grant.subject());
        this.grant = grant;
    }

    public static GrantAuthentication of(Jwt jwt, AccessGrant grant) {
        return new GrantAuthentication(jwt, grant);
    }

    public AccessGrant grant() {
        return grant;
    }

    /** Reads a Cura access token's claims. */
    public static final class FromJwt implements Converter<Jwt, GrantAuthentication> {
        @Override
        public GrantAuthentication convert(Jwt jwt) {
            Collection<String> scopes = scopes(jwt.getClaim(TokenClaims.SCOPE));
            Object userRow = jwt.getClaim(TokenClaims.USER_ROW);
            AccessGrant grant = new AccessGrant(
                    Optional.ofNullable(jwt.getClaimAsString(TokenClaims.TENANT)),
                    Optional.ofNullable(jwt.getClaimAsString(TokenClaims.CLIENT_ID)).orElse(jwt.getSubject()),
                    jwt.getSubject(),
                    new HashSet<>(scopes),
                    Optional.ofNullable(jwt.getClaimAsString(TokenClaims.PATIENT)),
                    Optional.ofNullable(jwt.getClaimAsString(TokenClaims.FHIR_USER)),
                    userRow instanceof Number n ? Optional.of(n.intValue()) : Optional.empty(),
                    Boolean.TRUE.equals(jwt.getClaim(TokenClaims.PLATFORM)));
            return new GrantAuthentication(jwt, grant);
        }

        private static Collection<String> scopes(Object claim) {
            if (claim instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            if (claim instanceof String text && !text.isBlank()) {
                return List.of(text.trim().split("\\s+"));
            }
            return List.of();
        }
    }
}
