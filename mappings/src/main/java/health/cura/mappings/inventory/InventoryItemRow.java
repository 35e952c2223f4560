package health.cura.mappings.inventory;

import java.math.BigDecimal;

/**
 * The columns of an {@code inventory_items} row its Basic owns. {@code category} and {@code supplier} are the names of
 * the {@code inventory_categories} and {@code inventory_suppliers} rows the item's ids point at; {@code currentStock}
 * is the ledger's sum, which only stock movements change.
 */
public record InventoryItemRow(
        String itemCode,
        String name,
        String description,
        String unit,
        int reorderLevel,
        int currentStock,
        BigDecimal unitCost,
        BigDecimal sellingPrice,
        String category,
        String supplier,
        String storageLocation,
        boolean expiryTracking,
        boolean batchTracking,
        boolean active) {}
