package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Proration against examples worked by hand, and its bounds for any change. */
class ProrationTest {

    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

    @Test
    void anUpgradeTwentyDaysBeforeTheEndOfAThirtyDayPeriod() {
        // £30 a month to £90 a month on 11 November: 20 of 30 days left; 30 × 20/30 = 20.00, 90 × 20/30 = 60.00
        Proration change = Proration.of(NOV_1, DEC_1, LocalDate.of(2026, 11, 11), new BigDecimal("30.00"),
                new BigDecimal("90.00"), true);
        assertThat(change.daysLeft()).isEqualTo(20);
        assertThat(change.daysInPeriod()).isEqualTo(30);
        assertThat(change.credit()).isEqualByComparingTo("20.00");
        assertThat(change.charge()).isEqualByComparingTo("60.00");
        assertThat(change.difference()).isEqualByComparingTo("40.00");
    }

    @Test
    void aDowngradeRoundsEachPartToThePenny() {
        // £49.99 to £19.99 on 20 November: 11 of 30 days left;
        // 49.99 × 11/30 = 18.3297 → 18.33, 19.99 × 11/30 = 7.3297 → 7.33
        Proration change = Proration.of(NOV_1, DEC_1, LocalDate.of(2026, 11, 20), new BigDecimal("49.99"),
                new BigDecimal("19.99"), true);
        assertThat(change.credit()).isEqualByComparingTo("18.33");
        assertThat(change.charge()).isEqualByComparingTo("7.33");
        assertThat(change.difference()).isEqualByComparingTo("-11.00");
    }

    @Test
    void aNewBillingCycleStartsAgainWithTheWholePrice() {
        // monthly £30 to yearly £300 on 16 November (February's 28 days aside, November has 30): 15 of 30 days
        Proration change = Proration.of(NOV_1, DEC_1, LocalDate.of(2026, 11, 16), new BigDecimal("30.00"),
                new BigDecimal("300.00"), false);
        assertThat(change.credit()).isEqualByComparingTo("15.00");
        assertThat(change.charge()).isEqualByComparingTo("300.00");
    }

    @Test
    void neverMoreThanThePricesOnAnyDay() {
        for (int day = -3; day <= 40; day++) {
            for (String[] prices : new String[][] {{"0.00", "0.01"}, {"29.99", "30.01"}, {"1000.00", "0.00"},
                    {"99999999.99", "12345.67"}}) {
                BigDecimal oldPrice = new BigDecimal(prices[0]);
                BigDecimal newPrice = new BigDecimal(prices[1]);
                Proration change = Proration.of(NOV_1, DEC_1, NOV_1.plusDays(day), oldPrice, newPrice, true);
                assertThat(change.credit()).isBetween(BigDecimal.ZERO, oldPrice);
                assertThat(change.charge()).isBetween(BigDecimal.ZERO, newPrice);
                assertThat(change.daysLeft()).isBetween(0L, 30L);
            }
        }
    }
}
