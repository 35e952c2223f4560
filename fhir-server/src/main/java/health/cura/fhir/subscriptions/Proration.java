package health.cura.fhir.subscriptions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A package change in the middle of a period, prorated to the day (UTC dates): the days left are those from the day
 * of the change to the period's end date; the unused part of the old package's price is credited and the same part
 * of the new package's price charged, each rounded to the penny (half up). When the billing cycle changes, the
 * period starts again on the day of the change: the old package's unused part is credited and the new package's
 * whole price charged. A change on the period's last day credits and charges nothing.
 *
 * @param daysLeft   the days of the period left when the package changes
 * @param daysInPeriod the period's days
 * @param credit     what is credited of the old package
 * @param charge     what is charged of the new one
 */
public record Proration(long daysLeft, long daysInPeriod, BigDecimal credit, BigDecimal charge) {

    /** What the clinic owes for the change; a credit when negative. */
    public BigDecimal difference() {
        return charge.subtract(credit);
    }

    public static Proration of(LocalDate periodStart, LocalDate periodEnd, LocalDate changedOn, BigDecimal oldPrice,
            BigDecimal newPrice, boolean sameCycle) {
        long days = Math.max(1, ChronoUnit.DAYS.between(periodStart, periodEnd));
        long left = Math.max(0, Math.min(days, ChronoUnit.DAYS.between(changedOn, periodEnd)));
        BigDecimal credit = part(oldPrice, left, days);
        BigDecimal charge = sameCycle ? part(newPrice, left, days) : newPrice.setScale(2, RoundingMode.HALF_UP);
        return new Proration(left, days, credit, charge);
    }

    private static BigDecimal part(BigDecimal price, long left, long days) {
        return price.multiply(BigDecimal.valueOf(left)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }
}
