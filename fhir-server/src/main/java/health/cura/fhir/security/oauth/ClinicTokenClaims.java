package health.cura.fhir.security.oauth;

import health.cura.fhir.security.TokenClaims;
import health.cura.fhir.security.staff.StaffAccount;
import health.cura.fhir.security.staff.StaffAccounts;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
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

    public ClinicTokenClaims(StaffAccounts staff) {
        this.staff = staff;
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
        String tenant = client.getClientSettings().getSetting(ClientSettingNames.TENANT);
        if (tenant != null) {
            claims.claim(TokenClaims.TENANT, tenant);
        }
        if (Boolean.TRUE.equals(client.getClientSettings().getSetting(ClientSettingNames.PLATFORM))) {
            claims.claim(TokenClaims.PLATFORM, true);
        }
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
