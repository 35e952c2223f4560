package health.cura.fhir.identity.external;

import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.GrantAuthentication;
import health.cura.fhir.grant.TokenClaims;
import health.cura.fhir.identity.SecurityProperties;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads an access token: this server's own as {@link GrantAuthentication.FromJwt} does, the external provider's with
 * its own rules. An external token is never the platform's; its user is a staff member only when its {@code fhirUser}
 * is one of the clinic's practitioners, so that the clinic's roles apply, and its {@code user/} scopes are dropped
 * otherwise.
 */
public final class IssuerAwareGrants implements Converter<Jwt, GrantAuthentication> {

    private static final String FHIR_USER_PRACTITIONER = "Practitioner/";

    private final GrantAuthentication.FromJwt own = new GrantAuthentication.FromJwt();
    private final SecurityProperties.ExternalIssuer provider;
    private final PractitionerAccounts practitioners;

    public IssuerAwareGrants(SecurityProperties.ExternalIssuer provider, PractitionerAccounts practitioners) {
        this.provider = provider;
        this.practitioners = practitioners;
    }

    @Override
    public GrantAuthentication convert(Jwt jwt) {
        if (!provider.configured() || jwt.getIssuer() == null
                || !provider.issuer().equals(jwt.getIssuer().toString())) {
            return own.convert(jwt);
        }
        AccessGrant read = own.convert(jwt).grant();
        Optional<String> tenant = Optional.ofNullable(jwt.getClaimAsString(provider.tenantClaim()));
        Optional<String> fhirUser = Optional.ofNullable(jwt.getClaimAsString(TokenClaims.FHIR_USER));
        Optional<Integer> userRow = tenant.flatMap(clinic -> fhirUser
                .filter(user -> user.startsWith(FHIR_USER_PRACTITIONER))
                .flatMap(user -> practitioners.rowOf(clinic, user.substring(FHIR_USER_PRACTITIONER.length()))));
        Set<String> scopes = read.scopes().stream()
                .filter(scope -> userRow.isPresent() || !scope.startsWith("user/"))
                .collect(Collectors.toSet());
        return GrantAuthentication.of(jwt, new AccessGrant(tenant, read.clientId(), read.subject(), scopes,
                read.patient(), fhirUser, userRow, false));
    }
}
