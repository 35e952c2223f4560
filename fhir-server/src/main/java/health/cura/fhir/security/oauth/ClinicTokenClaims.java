package health.cura.fhir.security.oauth;

import health.cura.fhir.security.TokenClaims;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the clinic (and, for the platform's clients, the platform mark) into every access token, so that the FHIR
 * layer can bind the token to one tenant without asking the database.
 */
public final class ClinicTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        var claims = context.getClaims();
        claims.claim(TokenClaims.CLIENT_ID, client.getClientId());
        String tenant = client.getClientSettings().getSetting(ClientSettingNames.TENANT);
        if (tenant != null) {
            claims.claim(TokenClaims.TENANT, tenant);
        }
        if (Boolean.TRUE.equals(client.getClientSettings().getSetting(ClientSettingNames.PLATFORM))) {
            claims.claim(TokenClaims.PLATFORM, true);
        }
    }
}
