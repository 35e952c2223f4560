package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a payment (or refund) of an invoice is shared among the revenue categories of the invoice's lines: in
 * proportion to what each category adds to the invoice, to the penny, the pennies that rounding leaves over going to
 * the categories with the largest remainders (then the earlier one). The shares always add up to the payment.
 */
public final class RevenueSplit {

    private RevenueSplit() {}

    /**
     * @param amount   the payment, to the penny; negative for a refund
     * @param weights  each category's part of the invoice, in the order the lines name them (all zero or none: the
     *                 whole amount goes to {@code fallback})
     * @param fallback the category of an invoice whose lines say nothing
     */
    public static Map<String, BigDecimal> split(BigDecimal amount, Map<String, BigDecimal> weights, String fallback) {
        BigDecimal whole = weights.values().stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        if (whole.signum() == 0) {
            shares.put(fallback, amount);
            return shares;
        }
        long pennies = amount.movePointRight(2).longValueExact();
        long sign = Long.signum(pennies);
        long left = Math.abs(pennies);
        record Part(String category, int order, long pennies, BigDecimal remainder) {}
        List<Part> parts = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, BigDecimal> weight : weights.entrySet()) {
            BigDecimal exact = BigDecimal.valueOf(Math.abs(pennies)).multiply(weight.getValue().abs())
                    .divide(whole, 10, RoundingMode.DOWN);
            long floor = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            parts.add(new Part(weight.getKey(), order++, floor, exact.subtract(BigDecimal.valueOf(floor))));
            left -= floor;
        }
        List<Part> byRemainder = new ArrayList<>(parts);
        byRemainder.sort(Comparator.comparing(Part::remainder).reversed().thenComparing(Part::order));
        Map<String, Long> extra = new LinkedHashMap<>();
        for (int i = 0; i < left; i++) {
            extra.merge(byRemainder.get(i % byRemainder.size()).category(), 1L, Long::sum);
        }
        for (Part part : parts) {
            long share = part.pennies() + extra.getOrDefault(part.category(), 0L);
            if (share != 0) {
                shares.put(part.category(), BigDecimal.valueOf(sign * share, 2));
            }
        }
        return shares;
    }
}
