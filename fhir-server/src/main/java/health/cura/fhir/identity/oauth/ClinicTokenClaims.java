package health.cura.fhir.identity.oauth;

import health.cura.fhir.grant.TokenClaims;
import health.cura.fhir.identity.launch.LaunchContext;
import health.cura.fhir.identity.launch.LaunchContexts;
import health.cura.fhir.identity.launch.LaunchScopes;
import health.cura.fhir.identity.staff.StaffAccount;
import health.cura.fhir.identity.staff.StaffAccounts;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the clinic (and, for the platform's clients, the platform mark) into every access token, so that the FHIR
 * layer can bind the token to one tenant without asking the database.
 */
public final class ClinicTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final StaffAccounts staff;
    private final LaunchContexts launches;

    public ClinicTokenClaims(StaffAccounts staff, LaunchContexts launches) {
        this.staff = staff;
        this.launches = launches;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        RegisteredClient client = context.getRegisteredClient();
        var claims = context.getClaims();
        Optional<StaffAccount> user = signedInUser(context, client);
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            user.flatMap(staff::practitionerId).ifPresent(id -> claims.claim(TokenClaims.FHIR_USER, "Practitioner/" + id));
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        user.ifPresent(account -> {
            claims.claim(TokenClaims.USER_ROW, account.id());
            staff.practitionerId(account).ifPresent(id -> claims.claim(TokenClaims.FHIR_USER, "Practitioner/" + id));
        });
        claims.claim(TokenClaims.CLIENT_ID, client.getClientId());
        launchPatient(context, user).ifPresent(patient -> claims.claim(TokenClaims.PATIENT, patient));
        String tenant = client.getClientSettings().getSetting(ClientSettingNames.TENANT);
        if (Boolean.TRUE.equals(client.getClientSettings().getSetting(ClientSettingNames.PLATFORM))) {
            claims.claim(TokenClaims.PLATFORM, true); // and no clinic: platform tokens name none
        } else if (tenant != null) {
            claims.claim(TokenClaims.TENANT, tenant);
        }
    }

    /**
     * The patient of the launch the app was authorized with. Refreshed tokens keep it: the authorization request is
     * kept with the grant.
     */
    private Optional<String> launchPatient(JwtEncodingContext context, Optional<StaffAccount> user) {
        if (!LaunchScopes.asksForPatient(context.getAuthorizedScopes()) || context.getAuthorization() == null) {
            return Optional.empty();
        }
        OAuth2AuthorizationRequest request =
                context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object launchId = request == null ? null : request.getAdditionalParameters().get(LaunchScopes.PARAMETER);
        LaunchContext launch = (launchId instanceof String id ? launches.use(id) : Optional.<LaunchContext>empty())
                .filter(found -> found.account().isEmpty()
                        || user.map(u -> found.account().get().equals(context.getPrincipal().getName())).orElse(false))
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "The launch context of this grant is unknown or belongs to another user", null)));
        return Optional.of(launch.patient());
    }

    /**
     * The staff member a user-facing grant was made by. A session signed in to one clinic must not yield tokens for
     * another clinic's app, so the clinics must agree.
     */
    private Optional<StaffAccount> signedInUser(JwtEncodingContext context, RegisteredClient client) {
        if (!(context.getPrincipal() instanceof UsernamePasswordAuthenticationToken signedIn)) {
            return Optional.empty();
        }
        String[] tenantAndUser = signedIn.getName().split("/", 2);
        String clientTenant = client.getClientSettings().getSetting(ClientSettingNames.TENANT);
        if (tenantAndUser.length != 2 || !tenantAndUser[0].equals(clientTenant)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    "The signed-in user belongs to another clinic than this app", null));
        }
        return staff.find(tenantAndUser[0], tenantAndUser[1]);
    }
}
