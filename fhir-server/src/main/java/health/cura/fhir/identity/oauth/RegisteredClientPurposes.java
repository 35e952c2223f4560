package health.cura.fhir.identity.oauth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import health.cura.fhir.grant.ClientPurposes;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The purposes clients were registered with, read from their settings and remembered for a minute (a client's
 * purpose is fixed at registration), so that a request costs no lookup of its client.
 */
public final class RegisteredClientPurposes implements ClientPurposes {

    private final LoadingCache<String, Optional<String>> purposes;

    public RegisteredClientPurposes(RegisteredClientRepository clients) {
        this.purposes = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .maximumSize(100_000)
                .build(clientId -> purposeOf(clients.findByClientId(clientId)));
    }

    @Override
    public Optional<String> of(String clientId) {
        return purposes.get(clientId);
    }

    private static Optional<String> purposeOf(RegisteredClient client) {
        return client != null && client.getClientSettings().getSetting(ClientSettingNames.PURPOSE) instanceof String
                purpose && !CARE.equals(purpose) ? Optional.of(purpose) : Optional.empty();
    }
}
