package health.cura.fhir.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in and for how long tokens live.
 *
 * @param issuer               the authorization server's public URL (scheme, host, port); empty to derive it from
 *                             each request, which is right only when no proxy rewrites the host
 * @param accessTokenLifetime  how long an access token is accepted
 * @param refreshTokenLifetime how long a refresh token (scope {@code offline_access}) can be used
 * @param lockout              when repeated failed sign-ins lock an account
 * @param platformClients      backend clients of the platform itself (SaaS operations such as {@code $create-tenant});
 *                             they are declared here, not registered through the API, because no one is above them
 * @param allowedOrigins       browser origins allowed to call the FHIR API from scripts (CORS); {@code *} for any
 * @param purgeInterval        how often expired grants, unused launch contexts and old sign-in failures are deleted
 * @param externalIssuer       an OpenID Connect provider whose access tokens are accepted beside this server's own
 */
@ConfigurationProperties("cura.security")
public record SecurityProperties(
        @DefaultValue("") String issuer,
        @DefaultValue("PT30M") Duration accessTokenLifetime,
        @DefaultValue("P30D") Duration refreshTokenLifetime,
        @DefaultValue Lockout lockout,
        @DefaultValue List<PlatformClient> platformClients,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue ExternalIssuer externalIssuer) {

    /**
     * Failed sign-ins lock out the place they come from (an IPv4 address, an IPv6 /64), never the account everywhere:
     * whoever knows a username could otherwise keep its owner out.
     *
     * @param maximumFailures        failed sign-ins to one account from one address, each within {@code duration} of
     *                               the one before, that lock that account for that address
     * @param addressMaximumFailures failed sign-ins from one address to any accounts, each within {@code duration} of
     *                               the one before, that lock every account for that address (guessing across many
     *                               usernames)
     * @param duration               how long a lock lasts, and how long a failure is remembered
     */
    public record Lockout(
            @DefaultValue("5") int maximumFailures,
            @DefaultValue("20") int addressMaximumFailures,
            @DefaultValue("PT15M") Duration duration) {}

    /**
     * @param clientId the client's id in its JWT assertions
     * @param jwks     its public keys as a JWK Set (JSON)
     */
    public record PlatformClient(String clientId, String jwks) {}

    /**
     * An external OpenID Connect provider (Keycloak, Entra ID, an NHS login broker...) that issues access tokens for
     * this server. Its tokens carry the clinic in {@code tenantClaim}; a {@code fhirUser} naming one of the clinic's
     * practitioners makes them a staff member's (roles apply); {@code user/} scopes without one are dropped; they are
     * never platform tokens.
     *
     * @param issuer                its {@code iss}; empty when there is none
     * @param jwkSetUri             where its signing keys are published
     * @param audience              the {@code aud} its tokens must name for this server; empty to not check
     * @param tenantClaim           the claim holding the clinic's subdomain
     * @param advertised            whether the SMART configuration sends apps to it instead of the built-in server
     * @param authorizationEndpoint its endpoints, for the SMART configuration
     * @param tokenEndpoint         "
     * @param introspectionEndpoint " (optional)
     * @param revocationEndpoint    " (optional)
     * @param capabilities          the SMART capabilities it supports, for the SMART configuration
     */
    public record ExternalIssuer(
            @DefaultValue("") String issuer,
            @DefaultValue("") String jwkSetUri,
            @DefaultValue("") String audience,
            @DefaultValue("tenant") String tenantClaim,
            @DefaultValue("true") boolean advertised,
            @DefaultValue("") String authorizationEndpoint,
            @DefaultValue("") String tokenEndpoint,
            @DefaultValue("") String introspectionEndpoint,
            @DefaultValue("") String revocationEndpoint,
            @DefaultValue({"launch-standalone", "client-public", "client-confidential-asymmetric", "sso-openid-connect",
                "permission-user", "permission-patient", "permission-v1", "permission-v2"}) List<String> capabilities) {

        public boolean configured() {
            return !issuer.isBlank();
        }

        /** Whether apps are sent to the external provider rather than to the built-in authorization server. */
        public boolean replacesBuiltIn() {
            return configured() && advertised;
        }
    }
}
