package health.cura.fhir.limits;

/**
 * A token bucket: on average {@code perSecond} requests a second, and up to {@code capacity} at once after a quiet
 * spell. Time is given in nanoseconds by the caller, so the arithmetic can be tested without waiting.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(double perSecond, double capacity, long now) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one request");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one request's token: 0 when taken, else how many nanoseconds until one will be there. */
    synchronized long take(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
}
