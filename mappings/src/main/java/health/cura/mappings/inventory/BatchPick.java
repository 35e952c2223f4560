package health.cura.mappings.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which batches a dispense takes from: first expiry first (batches without an expiry last, then the oldest batch
 * first), never an expired one, each to what it holds. A quantity the unexpired batches cannot cover is refused whole.
 */
public final class BatchPick {

    /** Units taken from one batch. */
    public record Take(int batchId, String batchNumber, int quantity) {}

    /** The unexpired stock is less than asked: nothing is taken. */
    public static final class NotEnoughStock extends RuntimeException {

        private final int available;

        public NotEnoughStock(int wanted, int available) {
            super("Only " + available + " unexpired units are in stock; " + wanted + " were asked for");
            this.available = available;
        }

        public int available() {
            return available;
        }
    }

    private static final Comparator<BatchStock> FIRST_EXPIRY_FIRST = Comparator
            .comparing(BatchStock::expiry, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(BatchStock::batchId);

    private BatchPick() {}

    public static List<Take> firstExpiryFirst(List<BatchStock> batches, int quantity, java.time.LocalDate today) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("The quantity must be above zero");
        }
        List<BatchStock> usable = batches.stream().filter(b -> b.remaining() > 0 && !b.expiredOn(today))
                .sorted(FIRST_EXPIRY_FIRST).toList();
        int available = usable.stream().mapToInt(BatchStock::remaining).sum();
        if (available < quantity) {
            throw new NotEnoughStock(quantity, available);
        }
        List<Take> takes = new ArrayList<>();
        int left = quantity;
        for (BatchStock batch : usable) {
            int taken = Math.min(left, batch.remaining());
            takes.add(new Take(batch.batchId(), batch.batchNumber(), taken));
            left -= taken;
            if (left == 0) {
                break;
            }
        }
        return takes;
    }
}
