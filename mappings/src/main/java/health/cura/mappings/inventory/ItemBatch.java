package health.cura.mappings.inventory;

import java.time.LocalDate;

/**
 * One batch of an item as its Basic shows it (an {@code inventory_batches} row): R5's {@code InventoryItem.instance}.
 *
 * @param expiry    null for a batch that does not expire
 * @param location  where the batch is kept, null where the item's own storage location holds
 * @param remaining units of the batch still in stock
 */
public record ItemBatch(String batchNumber, LocalDate expiry, String location, int remaining) {}
