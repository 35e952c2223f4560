package health.cura.mappings.inventory;

import java.util.Map;

/**
 * The rules of {@code inventory_stock_movements}, the ledger that is the source of truth: a movement's quantity is
 * signed (positive into stock, negative out of it) by its type, an item's stock is the sum of its movements, and no
 * movement may take it below zero. A {@code return} goes either way (from a patient back into stock, or out to the
 * supplier); a {@code transfer} is a pair, out of one place and into another, that leaves the item's stock as it was.
 */
public final class StockLedger {

    /** Which signs each movement type may carry: +1 into stock only, -1 out only, 0 either. */
    private static final Map<String, Integer> SIGN = Map.of("purchase", 1, "sale", -1, "expired", -1, "damaged", -1,
            "adjustment", 0, "return", 0, "transfer", 0);

    /** A movement that breaks the ledger's rules, named. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private StockLedger() {}

    /** Checks a movement's quantity against its type. */
    public static void check(String type, int quantity) {
        Integer sign = SIGN.get(type);
        if (sign == null) {
            throw new Refused("'" + type + "' is not a stock movement type (" + String.join(", ",
                    SIGN.keySet().stream().sorted().toList()) + ")");
        }
        if (quantity == 0) {
            throw new Refused("A movement moves at least one unit");
        }
        if (sign != 0 && Integer.signum(quantity) != sign) {
            throw new Refused("A " + type + " " + (sign > 0 ? "adds to" : "takes from") + " stock: its quantity must be "
                    + (sign > 0 ? "positive" : "negative"));
        }
    }

    /** The stock after a movement; refused when it would fall below zero. */
    public static int after(int stock, String type, int quantity) {
        check(type, quantity);
        long next = (long) stock + quantity;
        if (next < 0) {
            throw new Refused("Only " + stock + " in stock: a " + type + " of " + (-quantity) + " would leave "
                    + next);
        }
        if (next > Integer.MAX_VALUE) {
            throw new Refused("The stock would exceed what the ledger can hold");
        }
        return (int) next;
    }
}
