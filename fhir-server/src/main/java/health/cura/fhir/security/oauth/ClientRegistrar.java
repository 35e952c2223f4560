package health.cura.fhir.security.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import health.cura.fhir.security.SecurityProperties;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Registers the clients of clinics and of the platform with the authorization server. */
public final class ClientRegistrar {

    private final RegisteredClientRepository clients;
    private final SecurityProperties properties;

    public ClientRegistrar(RegisteredClientRepository clients, SecurityProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    /**
     * A SMART Backend Services client of one clinic: client credentials, authenticated by a JWT signed with one of
     * the keys in {@code jwks}, allowed the given {@code system/} scopes.
     */
    public RegisteredClient registerBackendService(String tenant, String name, String jwks, Set<String> scopes) {
        RegisteredClient client = backendService(UUID.randomUUID().toString(), name, jwks, scopes)
                .clientSettings(ClientSettings.builder()
                        .setting(ClientSettingNames.TENANT, tenant)
                        .setting(ClientSettingNames.JWKS, checkedJwks(jwks))
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
                        .build())
                .build();
        clients.save(client);
        return client;
    }

    /** Declares (or updates) one of the platform's own backend clients. */
    public RegisteredClient registerPlatformClient(String clientId, String jwks) {
        RegisteredClient existing = clients.findByClientId(clientId);
        String id = existing == null ? UUID.randomUUID().toString() : existing.getId();
        RegisteredClient client = backendService(id, "Platform client " + clientId, jwks, Set.of(PlatformScopes.PLATFORM))
                .clientId(clientId)
                .clientSettings(ClientSettings.builder()
                        .setting(ClientSettingNames.PLATFORM, true)
                        .setting(ClientSettingNames.JWKS, checkedJwks(jwks))
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
                        .build())
                .build();
        clients.save(client);
        return client;
    }

    private RegisteredClient.Builder backendService(String id, String name, String jwks, Set<String> scopes) {
        return RegisteredClient.withId(id)
                .clientId(UUID.randomUUID().toString())
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(tokenSettings(properties.accessTokenLifetime(), properties.refreshTokenLifetime()));
    }

    static TokenSettings tokenSettings(Duration accessTokens, Duration refreshTokens) {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(accessTokens)
                .refreshTokenTimeToLive(refreshTokens)
                .reuseRefreshTokens(false)
                .build();
    }

    private static String checkedJwks(String jwks) {
        try {
            JWKSet set = JWKSet.parse(jwks);
            if (set.getKeys().isEmpty()) {
                throw new IllegalArgumentException("The key set holds no key");
            }
            if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalArgumentException("The key set holds a private key: register public keys only");
            }
            return set.toString(true);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The key set is not a JWK Set: " + e.getMessage());
        }
    }
}
