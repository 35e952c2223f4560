package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.operations.Refusals;
import health.cura.mappings.inventory.InventoryItemMapper;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Basic of an item, as a stock operation reads it (as the caller) and writes it back once the ledger has moved
 * (as the server): with the stock and batches its row now holds. An operation reads the item only once it holds the
 * item's row lock: HAPI keeps what a transaction read, so a read before the lock could be a version another dispense
 * has since replaced, and writing it back would fail.
 */
public class ItemResources {

    /** The request mark of the server's write of an item's stock after a movement. */
    public static final String STOCK_MOVED = ItemResources.class.getName() + ".stockMoved";

    private final OperationWrites writes;
    private final ItemCatalogue catalogue;
    private final JdbcTemplate jdbc;

    public ItemResources(OperationWrites writes, ItemCatalogue catalogue, JdbcTemplate jdbc) {
        this.writes = writes;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
    }

    /** The id of the item a parameter names ({@code Basic/{id}}), else 400. */
    public static String itemId(Reference item, String parameter) {
        if (item == null || !item.hasReference()) {
            throw Refusals.badParameter(parameter, parameter + " is required: a reference to the item, Basic/{id}");
        }
        var id = item.getReferenceElement();
        if (!"Basic".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            throw Refusals.badParameter(parameter, parameter + " must reference an inventory item as Basic/{id}, not '"
                    + item.getReference() + "'");
        }
        return id.getIdPart();
    }

    /** The item as the caller reads it; 404 for none, 400 for a Basic of another kind. */
    public Basic read(String itemId, RequestDetails request, String parameter) {
        Basic basic = writes.read(Basic.class, itemId, request);
        if (!InventoryItemMapper.isItem(basic)) {
            throw Refusals.badParameter(parameter, "Basic/" + itemId + " is not an inventory item");
        }
        return basic;
    }

    /**
     * Writes the item's stock, batches and storage location from its row, as a new version if any changed: the
     * server's bookkeeping of what the caller's movement did.
     */
    public void refresh(int organizationId, StockBook.LockedItem item) {
        Basic stored = writes.readAsServer(organizationId, Basic.class, item.resourceId());
        Basic updated = stored.copy();
        Object[] row = jdbc.queryForObject("SELECT current_stock, storage_location FROM inventory_items "
                + "WHERE organization_id = ? AND id = ?", (rs, n) -> new Object[] {rs.getInt(1), rs.getString(2)},
                organizationId, item.rowId());
        InventoryItemMapper.setStock(updated, (Integer) row[0]);
        InventoryItemMapper.setBatches(updated, catalogue.batches(organizationId, item.rowId()));
        updated.getExtension().removeIf(e -> CuraCanonical.STORAGE_LOCATION_EXTENSION.equals(e.getUrl()));
        if (row[1] != null) {
            updated.addExtension(CuraCanonical.STORAGE_LOCATION_EXTENSION, new StringType((String) row[1]));
        }
        if (!updated.equalsDeep(stored)) {
            writes.updateAsServer(organizationId, updated, STOCK_MOVED);
        }
    }
}
