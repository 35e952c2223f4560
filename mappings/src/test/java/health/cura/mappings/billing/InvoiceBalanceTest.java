package health.cura.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InvoiceBalanceTest {

    /** A payment (positive) or a refund (negative) a member of staff tries to record. */
    @Property(tries = 1000)
    void anyMixOfPaymentsAndRefundsKeepsTheBalanceRight(@ForAll("totals") BigDecimal total,
            @ForAll("attempts") List<BigDecimal> attempts) {
        InvoiceBalance balance = InvoiceBalance.of(total, List.of());
        String status = "sent";
        List<BigDecimal> recorded = new ArrayList<>();
        BigDecimal payments = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        for (BigDecimal attempt : attempts) {
            try {
                balance = attempt.signum() > 0 ? balance.pay(attempt) : balance.refund(attempt.negate());
                recorded.add(attempt);
                if (attempt.signum() > 0) {
                    payments = payments.add(attempt);
                } else {
                    refunds = refunds.add(attempt.negate());
                }
                status = balance.statusFrom(status);
            } catch (BalanceRefusal refused) {
                assertThat(refused.parameter()).isEqualTo("amount");
            }
            assertThat(balance.paid()).isBetween(BigDecimal.ZERO, total);
            assertThat(balance.outstanding()).isEqualByComparingTo(total.subtract(payments).add(refunds));
            assertThat(InvoiceBalance.of(total, recorded)).isEqualTo(balance);
            assertThat(status).isEqualTo(balance.settled() ? "paid" : "sent");
        }
    }

    @Provide
    Arbitrary<BigDecimal> totals() {
        return Arbitraries.integers().between(1, 100_000).map(p -> BigDecimal.valueOf(p, 2));
    }

    @Provide
    Arbitrary<List<BigDecimal>> attempts() {
        return Arbitraries.integers().between(-60_000, 60_000).map(p -> BigDecimal.valueOf(p, 2)).list().ofMaxSize(25);
    }
}
