package health.cura.fhir.identity.oauth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import health.cura.fhir.limits.ClientRequestRates;
import java.time.Duration;
import java.util.OptionalDouble;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The request rates clients were registered with, read from their settings and remembered for a minute, so that a
 * request costs no lookup of its client; a client without a rate of its own (or of another issuer) has none here.
 */
public final class RegisteredClientRates implements ClientRequestRates {

    private final LoadingCache<String, OptionalDouble> rates;

    public RegisteredClientRates(RegisteredClientRepository clients) {
        this.rates = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .maximumSize(100_000)
                .build(clientId -> rateOf(clients.findByClientId(clientId)));
    }

    @Override
    public OptionalDouble of(String clientId) {
        return rates.get(clientId);
    }

    private static OptionalDouble rateOf(RegisteredClient client) {
        return client != null && client.getClientSettings().getSetting(ClientSettingNames.REQUESTS_PER_SECOND)
                instanceof Number rate ? OptionalDouble.of(rate.doubleValue()) : OptionalDouble.empty();
    }
}
