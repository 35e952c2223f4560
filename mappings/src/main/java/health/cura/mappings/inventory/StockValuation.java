package health.cura.mappings.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What an item's stock is worth, from its ledger in order: by FIFO (what is left are the latest receipts, each at its
 * own cost) or by weighted average (each receipt re-averages the cost of what is held; what goes out leaves at the
 * average). Exact to the penny: costs are kept unrounded while the ledger is walked, and the value is rounded half up
 * once, at the end.
 */
public final class StockValuation {

    /** One ledger line: units in (positive, with their unit cost) or out (negative). */
    public record Movement(int quantity, BigDecimal unitCost) {}

    /** The units held and their value, to the penny. */
    public record Value(int units, BigDecimal value) {}

    private record Lot(int units, BigDecimal unitCost) {}

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private StockValuation() {}

    public static Value fifo(List<Movement> ledger) {
        Deque<Lot> lots = new ArrayDeque<>();
        for (Movement movement : ledger) {
            if (movement.quantity() > 0) {
                lots.addLast(new Lot(movement.quantity(), cost(movement)));
                continue;
            }
            int out = -movement.quantity();
            while (out > 0 && !lots.isEmpty()) {
                Lot oldest = lots.pollFirst();
                if (oldest.units() > out) {
                    lots.addFirst(new Lot(oldest.units() - out, oldest.unitCost()));
                    out = 0;
                } else {
                    out -= oldest.units();
                }
            }
            if (out > 0) {
                throw new IllegalArgumentException("The ledger takes out more than it holds");
            }
        }
        int units = lots.stream().mapToInt(Lot::units).sum();
        BigDecimal value = lots.stream().map(l -> l.unitCost().multiply(BigDecimal.valueOf(l.units())))
                .reduce(ZERO, BigDecimal::add);
        return new Value(units, value.setScale(2, RoundingMode.HALF_UP));
    }

    public static Value weightedAverage(List<Movement> ledger) {
        int units = 0;
        BigDecimal value = ZERO;
        for (Movement movement : ledger) {
            if (movement.quantity() > 0) {
                units += movement.quantity();
                value = value.add(cost(movement).multiply(BigDecimal.valueOf(movement.quantity())));
                continue;
            }
            int out = -movement.quantity();
            if (out > units) {
                throw new IllegalArgumentException("The ledger takes out more than it holds");
            }
            // what leaves, leaves at the average: the value keeps its share of what stays
            value = units == 0 ? ZERO : value.multiply(BigDecimal.valueOf(units - out))
                    .divide(BigDecimal.valueOf(units), 20, RoundingMode.HALF_EVEN);
            units -= out;
        }
        return new Value(units, value.setScale(2, RoundingMode.HALF_UP));
    }

    private static BigDecimal cost(Movement movement) {
        return movement.unitCost() == null ? ZERO : movement.unitCost();
    }
}
