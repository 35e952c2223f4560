package health.cura.fhir.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for work done on other threads or processes (the change applier); fails after a generous while. */
public final class Eventually {

    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {}

    public static <T> T await(Supplier<Optional<T>> condition) {
        return await(PATIENCE, condition);
    }

    public static <T> T await(Duration patience, Supplier<Optional<T>> condition) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not done within " + patience);
    }

    /** Waits until {@code condition} holds. */
    public static void until(Supplier<Boolean> condition) {
        until(PATIENCE, condition);
    }

    public static void until(Duration patience, Supplier<Boolean> condition) {
        await(patience, () -> Boolean.TRUE.equals(condition.get()) ? Optional.of(true) : Optional.empty());
    }
}
