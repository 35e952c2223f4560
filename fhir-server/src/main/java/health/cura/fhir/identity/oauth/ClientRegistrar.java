package health.cura.fhir.identity.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.identity.SecurityProperties;
import health.cura.fhir.identity.staff.StaffAccount;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
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
        return registerBackendService(tenant, name, jwks, scopes, OptionalInt.empty());
    }

    /** As above, held to {@code requestsPerSecond} instead of the server's default client rate when it is given. */
    public RegisteredClient registerBackendService(
            String tenant, String name, String jwks, Set<String> scopes, OptionalInt requestsPerSecond) {
        return registerBackendService(tenant, name, jwks, scopes, requestsPerSecond, Optional.empty());
    }

    /**
     * As above, registered for a purpose other than care ({@code research}, {@code marketing}, {@code sharing}),
     * which only consenting patients' data serves.
     */
    public RegisteredClient registerBackendService(String tenant, String name, String jwks, Set<String> scopes,
            OptionalInt requestsPerSecond, Optional<String> purpose) {
        ClientSettings.Builder settings = signedBy(jwks).setting(ClientSettingNames.TENANT, tenant);
        requestsPerSecond.ifPresent(rate -> settings.setting(ClientSettingNames.REQUESTS_PER_SECOND, rate));
        purpose.ifPresent(declared -> settings.setting(ClientSettingNames.PURPOSE, declared));
        RegisteredClient client = backendService(UUID.randomUUID().toString(), name, scopes)
                .clientSettings(settings.build())
                .build();
        clients.save(client);
        return client;
    }

    /**
     * A SMART app of one clinic, launched by its staff: authorization code with PKCE (S256), refresh tokens when it
     * asks for {@code offline_access}. A public app (a browser or mobile app, which cannot keep a secret) has no
     * credentials; a confidential one authenticates with a JWT signed by one of the keys in {@code jwks}.
     */
    public RegisteredClient registerSmartApp(
            String tenant, String name, Set<String> redirectUris, Set<String> scopes, String jwksOrNullForPublic) {
        return registerSmartApp(tenant, name, redirectUris, scopes, jwksOrNullForPublic, OptionalInt.empty());
    }

    /** As above, held to {@code requestsPerSecond} (over all its users) instead of the server's default. */
    public RegisteredClient registerSmartApp(String tenant, String name, Set<String> redirectUris, Set<String> scopes,
            String jwksOrNullForPublic, OptionalInt requestsPerSecond) {
        return registerSmartApp(tenant, name, redirectUris, scopes, jwksOrNullForPublic, requestsPerSecond,
                Optional.empty());
    }

    /** As above, registered for a purpose other than care. */
    public RegisteredClient registerSmartApp(String tenant, String name, Set<String> redirectUris, Set<String> scopes,
            String jwksOrNullForPublic, OptionalInt requestsPerSecond, Optional<String> purpose) {
        return registerApp(tenant, name, redirectUris, scopes, jwksOrNullForPublic, false, requestsPerSecond,
                purpose);
    }

    /**
     * A public console app of the platform's owners ({@code saas_owners}): they sign in on the platform's page, and its
     * tokens are platform tokens ({@code cura/platform}), good for platform operations and for no clinic.
     */
    public RegisteredClient registerPlatformApp(String name, Set<String> redirectUris) {
        return registerApp(StaffAccount.PLATFORM, name, redirectUris, Set.of("openid", PlatformScopes.PLATFORM), null,
                true, OptionalInt.empty(), Optional.empty());
    }

    private RegisteredClient registerApp(String tenant, String name, Set<String> redirectUris, Set<String> scopes,
            String jwksOrNullForPublic, boolean platform, OptionalInt requestsPerSecond, Optional<String> purpose) {
        ClientSettings.Builder settings = ClientSettings.builder()
                .setting(ClientSettingNames.TENANT, tenant)
                .setting(ClientSettingNames.PLATFORM, platform)
                .requireProofKey(true)
                .requireAuthorizationConsent(false);
        requestsPerSecond.ifPresent(rate -> settings.setting(ClientSettingNames.REQUESTS_PER_SECOND, rate));
        purpose.ifPresent(declared -> settings.setting(ClientSettingNames.PURPOSE, declared));
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(UUID.randomUUID().toString())
                .clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(tokenSettings(properties.accessTokenLifetime(), properties.refreshTokenLifetime()));
        if (jwksOrNullForPublic == null) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
            settings.settings(keys -> keys.putAll(signedBy(jwksOrNullForPublic).build().getSettings()));
        }
        RegisteredClient registered = client.clientSettings(settings.build()).build();
        clients.save(registered);
        return registered;
    }

    /** Declares (or updates) one of the platform's own backend clients. */
    public RegisteredClient registerPlatformClient(String clientId, String jwks) {
        RegisteredClient existing = clients.findByClientId(clientId);
        String id = existing == null ? UUID.randomUUID().toString() : existing.getId();
        RegisteredClient client = backendService(id, "Platform client " + clientId, Set.of(PlatformScopes.PLATFORM))
                .clientId(clientId)
                .clientSettings(signedBy(jwks).setting(ClientSettingNames.PLATFORM, true).build())
                .build();
        clients.save(client);
        return client;
    }

    /** A client that authenticates with JWTs signed by one of the keys of {@code jwks}. */
    private static ClientSettings.Builder signedBy(String jwks) {
        return ClientSettings.builder()
                .setting(ClientSettingNames.JWKS, checkedJwks(jwks))
                .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
    }

    private RegisteredClient.Builder backendService(String id, String name, Set<String> scopes) {
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
