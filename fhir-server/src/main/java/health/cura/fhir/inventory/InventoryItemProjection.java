package health.cura.fhir.inventory;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.billing.ClinicBilling;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.MappingContext;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.inventory.InventoryItemMapper;
import health.cura.mappings.inventory.InventoryItemRow;
import health.cura.mappings.inventory.StockTakeMapper;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Basic inventory item → {@code inventory_items} (other kinds of Basic have no row). Before it is stored the server
 * gives it what the row decides: its item code (the next {@code ITM-} one where it has none), the stock it holds and
 * its batches, which only stock movements change, and the clinic's currency on its costs. A write that states another
 * stock than the ledger's is refused, naming the operations that move stock. A delete deactivates the item.
 */
public class InventoryItemProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;
    private final ItemCatalogue catalogue;
    private final ClinicBilling billing;
    private final JdbcTemplate jdbc;

    public InventoryItemProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers,
            ItemCatalogue catalogue, ClinicBilling billing, JdbcTemplate jdbc) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
        this.catalogue = catalogue;
        this.billing = billing;
        this.jdbc = jdbc;
    }

    @Override
    public String resourceType() {
        return "Basic";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        Basic basic = (Basic) resource;
        Basic before = (Basic) previous;
        if ((StockTakeMapper.isStockTake(basic) || before != null && StockTakeMapper.isStockTake(before))
                && !context.requestMarked(StockTakeOperation.WRITING)) {
            throw new UnmappableResourceException("Basic.code", "Stock takes are recorded and approved by "
                    + "$stock-take only: an approval measures the counts against the stock, and posts them once");
        }
        boolean wasItem = before != null && InventoryItemMapper.isItem(before);
        if (!InventoryItemMapper.isItem(basic)) {
            if (wasItem) {
                throw new UnmappableResourceException("Basic.code", "An inventory item stays an inventory item");
            }
            return;
        }
        if (before != null && !wasItem) {
            throw new UnmappableResourceException("Basic.code", "A Basic of another kind cannot become an inventory "
                    + "item: create the item instead");
        }
        int organizationId = context.organizationId();
        numbers.assignIfMissing(basic.getIdentifier(), before == null ? List.of() : before.getIdentifier(),
                CuraCanonical.itemCodeSystem(context.tenant().subdomain()), Identifier.IdentifierUse.OFFICIAL,
                organizationId, NumberKind.ITEM);
        OptionalInt row = before == null ? OptionalInt.empty()
                : links.rowId(organizationId, "Basic", basic.getIdElement().getIdPart());
        int stock = row.isPresent() ? stockOf(organizationId, row.getAsInt()) : 0;
        InventoryItemMapper.stock(basic).filter(given -> given != stock).ifPresent(given -> {
            throw new UnmappableResourceException("Basic.extension('" + CuraCanonical.STOCK_ON_HAND_EXTENSION + "')",
                    "The stock on hand is " + stock + ", not " + given + ": it is the sum of the item's stock "
                            + "movements, changed by $receive-stock, $adjust-stock, $dispense and $stock-take");
        });
        InventoryItemMapper.setStock(basic, stock);
        InventoryItemMapper.setBatches(basic, row.isPresent() ? catalogue.batches(organizationId, row.getAsInt())
                : List.of());
        String currency = billing.terms(organizationId).currency();
        for (String url : List.of(CuraCanonical.UNIT_COST_EXTENSION, CuraCanonical.SELLING_PRICE_EXTENSION)) {
            Extension extension = basic.getExtensionByUrl(url);
            if (extension != null && extension.getValue() instanceof Money money) {
                if (!money.hasCurrency()) {
                    money.setCurrency(currency);
                } else if (!currency.equals(money.getCurrency())) {
                    throw new UnmappableResourceException("Basic.extension('" + url + "')", "The clinic keeps its "
                            + "accounts in " + currency + ", not " + money.getCurrency());
                }
            }
        }
    }

    private int stockOf(int organizationId, int rowId) {
        return jdbc.queryForObject("SELECT current_stock FROM inventory_items WHERE organization_id = ? AND id = ?",
                Integer.class, organizationId, rowId);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        Basic basic = (Basic) resource;
        if (!InventoryItemMapper.isItem(basic)) {
            return;
        }
        int organizationId = context.organizationId();
        String resourceId = basic.getIdElement().getIdPart();
        MappingContext mapping = context.mappingOf(basic);
        OptionalInt existing = links.rowId(organizationId, "Basic", resourceId);
        if (existing.isPresent() && context.requestMarked(ItemResources.STOCK_MOVED)) {
            // the server's own write of the stock a movement left: the row's other columns stay as they are, even
            // where other software changed them since the Basic was last written (change capture brings those)
            return;
        }
        InventoryItemRow row = InventoryItemMapper.toRow(basic, mapping);
        numbers.requireUnused(organizationId, NumberKind.ITEM, row.itemCode(), existing, "Basic.identifier");
        RowValues values = RowValues.of()
                .set("item_code", row.itemCode())
                .set("name", row.name())
                .set("description", row.description())
                .set("unit_of_measurement", row.unit())
                .set("reorder_level", row.reorderLevel())
                .set("unit_cost", row.unitCost())
                .set("selling_price", row.sellingPrice())
                .set("category_id", catalogue.category(organizationId, row.category()))
                .set("supplier_id", catalogue.supplier(organizationId, row.supplier()))
                .set("storage_location", row.storageLocation())
                .set("expiry_tracking", row.expiryTracking())
                .set("batch_tracking", row.batchTracking())
                .set("is_active", row.active());
        rows.save(context, CuraTables.INVENTORY_ITEMS, "Basic", resourceId, existing, values);
    }

    /** The ledger keeps the item's movements: its row is deactivated, never deleted. */
    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        if (resource instanceof Basic basic && InventoryItemMapper.isItem(basic)) {
            rows.set(context, CuraTables.INVENTORY_ITEMS, "Basic", basic.getIdElement().getIdPart(),
                    RowValues.of().set("is_active", false));
        }
    }
}
