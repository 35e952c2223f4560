package health.cura.mappings.inventory;

/**
 * One line of a stock take: the units counted of an item (or of one batch of it), and once the stock take is approved
 * the variance, counted less held at approval.
 *
 * @param itemId   the item's Basic id
 * @param batch    the batch (lot) number counted, or null for the item as a whole
 * @param variance null until approved
 */
public record StockCount(String itemId, String batch, int counted, Integer variance) {}
