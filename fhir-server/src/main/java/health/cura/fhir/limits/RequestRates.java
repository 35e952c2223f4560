package health.cura.fhir.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Request rates per key (a client, a clinic), each a {@link TokenBucket} holding {@code burst} worth of its rate.
 * Buckets of keys that have gone quiet are dropped: a bucket left alone that long would be full again anyway.
 * Counted on this node: behind a balancer with several nodes, each node allows the rate.
 */
public final class RequestRates {

    private final Duration burst;
    private final Ticker ticker;
    private final Cache<String, TokenBucket> buckets;

    public RequestRates(Duration burst, Ticker ticker) {
        if (burst.isNegative() || burst.isZero()) {
            throw new IllegalArgumentException("cura.limits.burst must be positive");
        }
        this.burst = burst;
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(burst.plusSeconds(60))
                .maximumSize(1_000_000)
                .build();
    }

    /**
     * Takes one request of the key's allowance at {@code perSecond} (0 or less: no limit). Empty when the request may
     * go ahead; else how long until it could.
     */
    public Optional<Duration> take(String key, double perSecond) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        double capacity = Math.max(1, perSecond * burst.toNanos() / 1_000_000_000d);
        long now = ticker.read();
        // the rate is part of the key: a client given another rate starts a bucket of that rate
        TokenBucket bucket = buckets.get(key + "@" + perSecond, k -> new TokenBucket(perSecond, capacity, now));
        long wait = bucket.take(now);
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }
}
