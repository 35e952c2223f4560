package health.cura.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RevenueSplitTest {

    private static final List<String> CATEGORIES = List.of("consultation", "procedure", "medication", "lab");

    @Property(tries = 1000)
    void theSharesAddUpToThePaymentAndFollowItsSign(@ForAll("amounts") BigDecimal amount,
            @ForAll("weights") Map<String, BigDecimal> weights) {
        Map<String, BigDecimal> shares = RevenueSplit.split(amount, weights, "other");
        assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
        assertThat(shares.values()).allSatisfy(share -> {
            assertThat(share.scale()).isLessThanOrEqualTo(2);
            assertThat(share.signum()).isEqualTo(amount.signum());
        });
    }

    @Property(tries = 500)
    void noShareIsMoreThanAPennyFromItsExactProportion(@ForAll("amounts") BigDecimal amount,
            @ForAll("weights") Map<String, BigDecimal> weights) {
        BigDecimal whole = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigDecimal> shares = RevenueSplit.split(amount, weights, "other");
        if (whole.signum() == 0) {
            assertThat(shares).containsOnlyKeys("other");
            return;
        }
        shares.forEach((category, share) -> {
            BigDecimal exact = amount.multiply(weights.get(category)).divide(whole, 10, java.math.RoundingMode.HALF_UP);
            assertThat(share.subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
        });
    }

    @Example
    void aPartPaymentIsSharedInProportionWithTheLeftoverPennyToTheLargestRemainder() {
        Map<String, BigDecimal> invoice = new LinkedHashMap<>();
        invoice.put("consultation", new BigDecimal("80.00"));
        invoice.put("lab", new BigDecimal("40.00"));
        assertThat(RevenueSplit.split(new BigDecimal("100.00"), invoice, "other"))
                .containsExactly(Map.entry("consultation", new BigDecimal("66.67")), Map.entry("lab",
                        new BigDecimal("33.33")));
        assertThat(RevenueSplit.split(new BigDecimal("-30.00"), invoice, "other"))
                .containsExactly(Map.entry("consultation", new BigDecimal("-20.00")), Map.entry("lab",
                        new BigDecimal("-10.00")));
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.longs().between(-1_000_000, 1_000_000).filter(p -> p != 0).map(p -> BigDecimal.valueOf(p, 2));
    }

    @Provide
    Arbitrary<Map<String, BigDecimal>> weights() {
        return Arbitraries.maps(Arbitraries.of(CATEGORIES),
                Arbitraries.longs().between(0, 500_000).map(p -> BigDecimal.valueOf(p, 2))).ofMaxSize(4);
    }
}
