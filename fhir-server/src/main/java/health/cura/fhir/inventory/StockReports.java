package health.cura.fhir.inventory;

import health.cura.mappings.inventory.StockValuation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the stock reports read: the clinic's items with their stock, their batches, and each item's ledger. */
public class StockReports {

    /** An item as the reports show it. */
    public record ItemStock(int rowId, String resourceId, String itemCode, String name, String unit, int stock,
            int reorderLevel, BigDecimal unitCost, String category) {}

    /** A batch holding stock. */
    public record BatchRow(int itemRow, String resourceId, String itemName, String batchNumber, LocalDate expiry,
            int remaining, String location) {}

    private static final String ITEMS = """
            SELECT i.id, l.resource_id, i.item_code, i.name, i.unit_of_measurement, i.current_stock, i.reorder_level,
                   i.unit_cost, c.name
            FROM inventory_items i
            JOIN fhir_resource_links l ON l.organization_id = i.organization_id AND l.table_name = 'inventory_items'
                 AND l.row_id = i.id AND l.resource_type = 'Basic'
            LEFT JOIN inventory_categories c ON c.organization_id = i.organization_id AND c.id = i.category_id
            WHERE i.organization_id = ? AND i.is_active""";

    private static final org.springframework.jdbc.core.RowMapper<ItemStock> ITEM = (rs, n) -> new ItemStock(
            rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getInt(7), rs.getBigDecimal(8), rs.getString(9));

    private final JdbcTemplate jdbc;

    public StockReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The clinic's active items, by name; only the one of {@code itemRow} when given. */
    public List<ItemStock> items(int organizationId, Integer itemRow) {
        return jdbc.query(ITEMS + " AND (?::integer IS NULL OR i.id = ?::integer) ORDER BY i.name, i.id", ITEM,
                organizationId, itemRow, itemRow);
    }

    /** Active items at or below their reorder level, the lowest first against its level. */
    public List<ItemStock> low(int organizationId) {
        return jdbc.query(ITEMS + " AND i.current_stock <= i.reorder_level"
                + " ORDER BY i.current_stock - i.reorder_level, i.name", ITEM, organizationId);
    }

    /** Batches holding stock that expire on or before {@code until}, the soonest first; one item's when given. */
    public List<BatchRow> batches(int organizationId, LocalDate until, Integer itemRow) {
        return jdbc.query("""
                SELECT b.item_id, l.resource_id, i.name, b.batch_number, b.expiry_date, b.remaining_quantity,
                       coalesce(b.storage_location, i.storage_location)
                FROM inventory_batches b
                JOIN inventory_items i ON i.organization_id = b.organization_id AND i.id = b.item_id
                JOIN fhir_resource_links l ON l.organization_id = i.organization_id AND l.table_name = 'inventory_items'
                     AND l.row_id = i.id AND l.resource_type = 'Basic'
                WHERE b.organization_id = ? AND b.remaining_quantity > 0 AND i.is_active
                  AND (?::date IS NULL OR (b.expiry_date IS NOT NULL AND b.expiry_date <= ?::date))
                  AND (?::integer IS NULL OR b.item_id = ?::integer)
                ORDER BY b.expiry_date NULLS LAST, i.name, b.batch_number""",
                (rs, n) -> new BatchRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getString(7)),
                organizationId, until == null ? null : java.sql.Date.valueOf(until),
                until == null ? null : java.sql.Date.valueOf(until), itemRow, itemRow);
    }

    /**
     * The item's ledger in order, as valuation walks it: transfers are left out (a pair that moves no stock), units
     * in without a cost of their own come in at the batch's cost, else the item's.
     */
    public List<StockValuation.Movement> ledger(int organizationId, int itemRow) {
        return jdbc.query("""
                SELECT m.quantity, coalesce(m.unit_cost, b.unit_cost, i.unit_cost)
                FROM inventory_stock_movements m
                JOIN inventory_items i ON i.organization_id = m.organization_id AND i.id = m.item_id
                LEFT JOIN inventory_batches b ON b.organization_id = m.organization_id AND b.id = m.batch_id
                WHERE m.organization_id = ? AND m.item_id = ? AND m.movement_type <> 'transfer'
                ORDER BY m.movement_date, m.id""",
                (rs, n) -> new StockValuation.Movement(rs.getInt(1), rs.getBigDecimal(2)), organizationId, itemRow);
    }
}
