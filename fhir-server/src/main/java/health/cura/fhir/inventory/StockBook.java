package health.cura.fhir.inventory;

import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import health.cura.mappings.inventory.BatchStock;
import health.cura.mappings.inventory.StockLedger;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The stock ledger in the tables: {@code inventory_stock_movements} is appended to, never changed, and each movement
 * changes the item's {@code current_stock} (and its batch's {@code remaining_quantity}) in the same transaction, under
 * the item's row lock, so that the stock always equals the sum of the item's movements and two dispenses of the last
 * box happen one after the other. Units that no batch holds (an opening balance, stock of an item not tracked by batch)
 * are the item's unbatched stock: its stock less what its batches hold.
 */
public class StockBook {

    /** The row's stock columns, as they are while it is locked. */
    public record LockedItem(int rowId, String resourceId, String itemCode, String name, String unit, int stock,
            int reorderLevel, BigDecimal unitCost, String storageLocation, boolean batchTracking, boolean active,
            int batched) {

        /** Units no batch holds. */
        public int unbatched() {
            return stock - batched;
        }
    }

    private static final RowMapper<BatchStock> BATCH = (rs, n) -> new BatchStock(rs.getInt(1), rs.getString(2),
            rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getBigDecimal(5));

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;

    public StockBook(JdbcTemplate jdbc, ResourceLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /** Locks the item's row for the rest of the transaction; 404 when the clinic has no such item. */
    public LockedItem lock(int organizationId, String itemId) {
        OptionalInt row = links.rowId(organizationId, "Basic", itemId);
        if (row.isEmpty()) {
            throw new ResourceNotFoundException(new IdType("Basic", itemId));
        }
        return lockRow(organizationId, row.getAsInt(), itemId)
                .orElseThrow(() -> new ResourceNotFoundException(new IdType("Basic", itemId)));
    }

    public Optional<LockedItem> lockRow(int organizationId, int rowId, String resourceId) {
        return jdbc.query("""
                SELECT i.id, i.item_code, i.name, i.unit_of_measurement, i.current_stock, i.reorder_level,
                       i.unit_cost, i.storage_location, i.batch_tracking, i.is_active
                FROM inventory_items i WHERE i.organization_id = ? AND i.id = ? FOR UPDATE""",
                (rs, n) -> new LockedItem(rs.getInt(1), resourceId, rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7), rs.getString(8),
                        rs.getBoolean(9), rs.getBoolean(10), batched(organizationId, rs.getInt(1))),
                organizationId, rowId).stream().findFirst();
    }

    private int batched(int organizationId, int itemRow) {
        Integer held = jdbc.queryForObject("""
                SELECT coalesce(sum(remaining_quantity), 0) FROM inventory_batches
                WHERE organization_id = ? AND item_id = ?""", Integer.class, organizationId, itemRow);
        return held == null ? 0 : held;
    }

    /** Holds a key of the clinic (a stock take being approved) until the transaction ends. */
    public void lockKey(int organizationId, String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId, key);
    }

    /** Holds the clinic's item code until the transaction ends: two receipts of a new item add it once. */
    public void lockCode(int organizationId, String itemCode) {
        lockKey(organizationId, "item-code:" + itemCode);
    }

    /** The Basic of the clinic's item with that code, if the clinic has one. */
    public Optional<String> itemByCode(int organizationId, String itemCode) {
        return jdbc.queryForList("""
                SELECT l.resource_id FROM inventory_items i
                JOIN fhir_resource_links l ON l.organization_id = i.organization_id AND l.table_name = 'inventory_items'
                     AND l.row_id = i.id AND l.resource_type = 'Basic'
                WHERE i.organization_id = ? AND i.item_code = ?""", String.class, organizationId, itemCode)
                .stream().findFirst();
    }

    /** The item's batches that hold stock. */
    public List<BatchStock> batches(int organizationId, int itemRow) {
        return jdbc.query("""
                SELECT id, batch_number, expiry_date, remaining_quantity, unit_cost FROM inventory_batches
                WHERE organization_id = ? AND item_id = ? AND remaining_quantity > 0
                ORDER BY expiry_date NULLS LAST, id""",
                BATCH, organizationId, itemRow);
    }

    /** The item's batch of that number, if it has one. */
    public Optional<BatchStock> batch(int organizationId, int itemRow, String number) {
        return jdbc.query("""
                SELECT id, batch_number, expiry_date, remaining_quantity, unit_cost FROM inventory_batches
                WHERE organization_id = ? AND item_id = ? AND batch_number = ?""",
                BATCH, organizationId, itemRow, number).stream().findFirst();
    }

    /** A new, empty batch of the item. */
    public int newBatch(int organizationId, int itemRow, String number, LocalDate expiry, BigDecimal unitCost,
            Integer supplierId) {
        ServerOrigin.mark(jdbc);
        return jdbc.queryForObject("""
                INSERT INTO inventory_batches (organization_id, item_id, batch_number, expiry_date, quantity,
                                               remaining_quantity, unit_cost, supplier_id, is_expired)
                VALUES (?, ?, ?, ?, 0, 0, ?, ?, false) RETURNING id""", Integer.class, organizationId, itemRow,
                number, expiry == null ? null : Date.valueOf(expiry), unitCost, supplierId);
    }

    /** One movement to record. */
    public record Movement(Integer batchId, String type, int quantity, BigDecimal unitCost, String referenceType,
            Integer referenceId, String notes, int createdBy) {}

    /**
     * Appends a movement of a locked item and changes its stock (and its batch's) by it; refused with 409 when the
     * item, the batch or the item's unbatched stock would fall below zero. Returns the movement's id.
     */
    public int record(int organizationId, LockedItem item, Movement movement) {
        int stock;
        try {
            stock = StockLedger.after(currentStock(organizationId, item.rowId()), movement.type(),
                    movement.quantity());
        } catch (StockLedger.Refused e) {
            throw Refusals.conflict("quantity", item.name() + ": " + e.getMessage());
        }
        if (movement.batchId() == null && movement.quantity() < 0) {
            int unbatched = currentStock(organizationId, item.rowId()) - batched(organizationId, item.rowId());
            if (unbatched + movement.quantity() < 0) {
                throw Refusals.conflict("batch", item.name() + ": only " + Math.max(unbatched, 0)
                        + " units are held outside its batches; name the batch the units come from");
            }
        }
        ServerOrigin.mark(jdbc);
        if (movement.batchId() != null) {
            int changed = jdbc.update("""
                    UPDATE inventory_batches SET remaining_quantity = remaining_quantity + ?,
                        quantity = quantity + greatest(?, 0), updated_at = now()
                    WHERE organization_id = ? AND id = ? AND item_id = ? AND remaining_quantity + ? >= 0""",
                    movement.quantity(), "purchase".equals(movement.type()) ? movement.quantity() : 0,
                    organizationId, movement.batchId(), item.rowId(), movement.quantity());
            if (changed == 0) {
                throw Refusals.conflict("batch", item.name() + ": the batch holds fewer than "
                        + (-movement.quantity()) + " units");
            }
        }
        jdbc.update("""
                UPDATE inventory_items SET current_stock = ?, updated_at = now()
                WHERE organization_id = ? AND id = ?""", stock, organizationId, item.rowId());
        return jdbc.queryForObject("""
                INSERT INTO inventory_stock_movements (organization_id, item_id, batch_id, movement_type, quantity,
                    unit_cost, reference_type, reference_id, notes, created_by, movement_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC') RETURNING id""", Integer.class,
                organizationId, item.rowId(), movement.batchId(), movement.type(), movement.quantity(),
                movement.unitCost(), movement.referenceType(), movement.referenceId(), movement.notes(),
                movement.createdBy());
    }

    /** The stock the item's row holds now. */
    public int currentStock(int organizationId, int itemRow) {
        return jdbc.queryForObject("SELECT current_stock FROM inventory_items WHERE organization_id = ? AND id = ?",
                Integer.class, organizationId, itemRow);
    }

    /** The sum of the item's movements. */
    public int ledgerSum(int organizationId, int itemRow) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(quantity), 0) FROM inventory_stock_movements
                WHERE organization_id = ? AND item_id = ?""", Integer.class, organizationId, itemRow);
    }

    /** Moves a batch's storage location ({@code $transfer}). */
    public void relocateBatch(int organizationId, int batchId, String location) {
        ServerOrigin.mark(jdbc);
        jdbc.update("UPDATE inventory_batches SET storage_location = ?, updated_at = now() "
                + "WHERE organization_id = ? AND id = ?", location, organizationId, batchId);
    }

    /** Where a batch is kept, if it was moved from its item's storage location. */
    public Optional<String> batchLocation(int organizationId, int batchId) {
        return jdbc.queryForList("SELECT storage_location FROM inventory_batches WHERE organization_id = ? AND id = ?",
                String.class, organizationId, batchId).stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
