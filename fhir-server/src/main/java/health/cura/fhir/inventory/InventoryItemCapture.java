package health.cura.fhir.inventory;

import health.cura.fhir.billing.ClinicBilling;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.inventory.InventoryItemMapper;
import health.cura.mappings.inventory.InventoryItemRow;
import health.cura.mappings.inventory.ItemBatch;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Basic;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code inventory_items} → Basic, for rows other software wrote. First the ledger is made to agree with the row's
 * stock ({@link LedgerReconciliation}); the Basic then shows the stock, its category and supplier by name, and the
 * batches that hold stock.
 */
public class InventoryItemCapture extends ResourceRowCapture<InventoryItemCapture.Captured, Basic> {

    /** The row with the batches its resource shows. */
    record Captured(InventoryItemRow row, List<ItemBatch> batches) {}

    private final JdbcTemplate jdbc;
    private final ItemCatalogue catalogue;
    private final ClinicBilling billing;
    private final LedgerReconciliation ledger;

    public InventoryItemCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, ItemCatalogue catalogue, ClinicBilling billing,
            LedgerReconciliation ledger) {
        super("inventory_items", Basic.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.billing = billing;
        this.ledger = ledger;
    }

    @Override
    public void apply(CapturedRow changed) {
        ledger.reconcile(changed.organizationId(), changed.subdomain(), changed.rowId());
        super.apply(changed);
    }

    @Override
    protected Optional<Captured> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT item_code, name, description, unit_of_measurement, reorder_level, current_stock, unit_cost,
                       selling_price, category_id, supplier_id, storage_location, expiry_tracking, batch_tracking,
                       is_active
                FROM inventory_items WHERE organization_id = ? AND id = ?""",
                (rs, n) -> new InventoryItemRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        catalogue.categoryName(organizationId, (Integer) rs.getObject(9)),
                        catalogue.supplierName(organizationId, (Integer) rs.getObject(10)), rs.getString(11),
                        rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14)),
                organizationId, rowId).stream().findFirst()
                .map(row -> new Captured(row, catalogue.batches(organizationId, rowId)));
    }

    @Override
    protected void resolve(CapturedRow changed, Captured row, ResolvedLinks.Builder resolved) {
        // an item's category and supplier are rows of their own, shown by name: nothing to link
    }

    @Override
    protected Basic toFhir(Captured row, MappingContext context) {
        return InventoryItemMapper.toFhir(row.row(), row.batches(), billing.terms(context.organizationId()).currency(),
                context);
    }

    /** The batches are not columns of the row: compare merges instead. */
    @Override
    protected Captured toRow(Basic stored, MappingContext context) {
        return null;
    }

    @Override
    protected Basic merge(Basic stored, Basic fromRow, Captured row, MappingContext context) {
        return InventoryItemMapper.owned(context).merge(stored, fromRow);
    }
}
