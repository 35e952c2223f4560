package health.cura.fhir.security;

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
 */
@ConfigurationProperties("cura.security")
public record SecurityProperties(
        @DefaultValue("") String issuer,
        @DefaultValue("PT30M") Duration accessTokenLifetime,
        @DefaultValue("P30D") Duration refreshTokenLifetime,
        @DefaultValue Lockout lockout,
        @DefaultValue List<PlatformClient> platformClients,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("PT1H") Duration purgeInterval) {

    /**
     * @param maximumFailures failed sign-ins in a row that lock the account
     * @param duration        how long it stays locked
     */
    public record Lockout(@DefaultValue("5") int maximumFailures, @DefaultValue("PT15M") Duration duration) {}

    /**
     * @param clientId the client's id in its JWT assertions
     * @param jwks     its public keys as a JWK Set (JSON)
     */
    public record PlatformClient(String clientId, String jwks) {}
}
