package health.cura.mappings.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one batch of an item holds now ({@code inventory_batches.remaining_quantity}).
 *
 * @param expiry   the batch's expiry date, or null for one that does not expire
 * @param unitCost what one unit of the batch cost, or null when not recorded
 */
public record BatchStock(int batchId, String batchNumber, LocalDate expiry, int remaining, BigDecimal unitCost) {

    /** A batch is expired on its expiry date: a medicine is not given on the day it expires. */
    public boolean expiredOn(LocalDate day) {
        return expiry != null && !expiry.isAfter(day);
    }
}
