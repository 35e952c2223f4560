package health.cura.fhir.inventory;

import health.cura.fhir.mapping.ClinicSystemUser;
import health.cura.fhir.tables.ServerOrigin;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes an item's ledger agree with its {@code current_stock} where other software set the stock without a movement:
 * an existing database's items (an opening balance) and later direct writes. The difference becomes one
 * {@code adjustment} movement by the clinic's system user; the stock is never refused or changed. It runs under the
 * item's row lock, so a stock operation at the same time is counted once.
 */
public class LedgerReconciliation {

    private final JdbcTemplate jdbc;
    private final ClinicSystemUser systemUser;

    public LedgerReconciliation(JdbcTemplate jdbc, ClinicSystemUser systemUser) {
        this.jdbc = jdbc;
        this.systemUser = systemUser;
    }

    /** The difference recorded (zero when the ledger already agreed, or the item is gone). */
    public int reconcile(int organizationId, String subdomain, int itemRow) {
        var stock = jdbc.queryForList("SELECT current_stock FROM inventory_items WHERE organization_id = ? AND id = ? "
                + "FOR UPDATE", Integer.class, organizationId, itemRow);
        if (stock.isEmpty()) {
            return 0;
        }
        Integer[] ledger = jdbc.queryForObject("""
                SELECT coalesce(sum(quantity), 0), count(*) FROM inventory_stock_movements
                WHERE organization_id = ? AND item_id = ?""",
                (rs, n) -> new Integer[] {rs.getInt(1), rs.getInt(2)}, organizationId, itemRow);
        int difference = stock.get(0) - ledger[0];
        if (difference == 0) {
            return 0;
        }
        String notes = ledger[1] == 0 ? "Opening balance: the stock the item held when the ledger began"
                : "Reconciles current_stock set to " + stock.get(0) + " outside the stock operations (the movements "
                        + "summed to " + ledger[0] + ")";
        ServerOrigin.mark(jdbc);
        jdbc.update("""
                INSERT INTO inventory_stock_movements (organization_id, item_id, movement_type, quantity, notes,
                    created_by, movement_date)
                VALUES (?, ?, 'adjustment', ?, ?, ?, now() AT TIME ZONE 'UTC')""", organizationId, itemRow,
                difference, notes, systemUser.rowId(organizationId, subdomain));
        return difference;
    }
}
