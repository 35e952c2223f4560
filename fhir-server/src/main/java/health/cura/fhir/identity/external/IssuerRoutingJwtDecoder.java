package health.cura.fhir.identity.external;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Hands each access token to the decoder of the issuer it names: the external provider's, or this server's own. The
 * unverified {@code iss} only picks the decoder; that decoder then checks signature, issuer and lifetime itself.
 */
public final class IssuerRoutingJwtDecoder implements JwtDecoder {

    private final JwtDecoder own;
    private final JwtDecoder external;
    private final String externalIssuer;

    public IssuerRoutingJwtDecoder(JwtDecoder own, JwtDecoder external, String externalIssuer) {
        this.own = own;
        this.external = external;
        this.externalIssuer = externalIssuer;
    }

    @Override
    public Jwt decode(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new BadJwtException("The access token is not a JWT", e);
        }
        return externalIssuer.equals(issuer) ? external.decode(token) : own.decode(token);
    }
}
