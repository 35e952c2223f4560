package health.cura.fhir.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRatesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker clock = now::get;

    @Test
    void aBurstOfTheRateTimesTheBurstIsAllowedThenTheRateItself() {
        RequestRates rates = new RequestRates(Duration.ofSeconds(2), clock);
        for (int i = 0; i < 20; i++) {
            assertThat(rates.take("clinic:a", 10)).as("request %d of the burst", i).isEmpty();
        }
        assertThat(rates.take("clinic:a", 10)).as("the 21st at once").hasValueSatisfying(wait ->
                assertThat(wait).isEqualTo(Duration.ofMillis(100)));

        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(rates.take("clinic:a", 10)).as("one more a tenth of a second later").isEmpty();
        assertThat(rates.take("clinic:a", 10)).isPresent();

        now.addAndGet(Duration.ofSeconds(60).toNanos());
        for (int i = 0; i < 20; i++) {
            assertThat(rates.take("clinic:a", 10)).as("a full burst after a quiet minute, never more").isEmpty();
        }
        assertThat(rates.take("clinic:a", 10)).isPresent();
    }

    @Test
    void eachKeyHasItsOwnAllowance() {
        RequestRates rates = new RequestRates(Duration.ofSeconds(1), clock);
        for (int i = 0; i < 3; i++) {
            rates.take("client:x", 3);
        }
        assertThat(rates.take("client:x", 3)).isPresent();
        assertThat(rates.take("client:y", 3)).as("another client").isEmpty();
        assertThat(rates.take("clinic:x", 3)).as("a clinic of the same name").isEmpty();
    }

    @Test
    void aRateBelowOneStillAdmitsOneRequestAndNoLimitAdmitsAll() {
        RequestRates rates = new RequestRates(Duration.ofSeconds(1), clock);
        assertThat(rates.take("client:slow", 0.5)).isEmpty();
        assertThat(rates.take("client:slow", 0.5)).hasValue(Duration.ofSeconds(2));
        for (int i = 0; i < 10_000; i++) {
            assertThat(rates.take("client:free", 0)).isEmpty();
        }
    }
}
