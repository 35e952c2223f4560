package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ServerOrigin;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.BatchStock;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /fhir/{clinic}/$transfer}: moves a batch (or an item not kept by batch) to another storage location,
 * recorded as a pair of {@code transfer} movements (out of the old place, into the new), which leave the stock as it
 * was. The batch's (or item's) storage location is the new one from then on.
 */
public class TransferStockOperation implements CuraOperation {

    static final String NAME = "transfer";

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation(NAME, "Transfer stock",
                    "Moves a batch of an item, or an item that no batch holds, to another storage location: a pair "
                            + "of transfer movements, out and in, that leaves the stock as it was. Retrying with the "
                            + "same transactionId answers the first transfer.")
            .system()
            .changesState()
            .in("item", "Reference", 1, "1", "the item, Basic/{id}")
            .in("batch", "string", 0, "1", "the batch (lot) number moved; required when the item's stock is in batches")
            .in("to", "string", 1, "1", "the storage location it moves to")
            .in("transactionId", "string", 0, "1", "the client's id of this transfer, for safe retries")
            .out("item", "Reference", 1, "1", "the item, Basic/{id}")
            .out("moved", "integer", 1, "1", "units moved")
            .build();

    private final InventoryClinic clinics;
    private final StockBook book;
    private final ItemResources items;
    private final StockRetries retries;
    private final JdbcTemplate jdbc;

    public TransferStockOperation(InventoryClinic clinics, StockBook book, ItemResources items, StockRetries retries,
            JdbcTemplate jdbc) {
        this.clinics = clinics;
        this.book = book;
        this.items = items;
        this.retries = retries;
        this.jdbc = jdbc;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Basic", Interaction.READ, Interaction.UPDATE),
                RoleNeed.of(ClinicModules.INVENTORY, StaffAction.EDIT));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$" + NAME, idempotent = false)
    public Parameters transfer(
            @OperationParam(name = "item", min = 1) Reference item,
            @OperationParam(name = "batch") StringType batch,
            @OperationParam(name = "to", min = 1) StringType to,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String itemId = ItemResources.itemId(item, "item");
        String batchNumber = StockParameters.text(batch, "batch", 50);
        String place = StockParameters.requiredText(to, "to", 200, "the storage location it moves to");
        return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request, () -> {
            StockBook.LockedItem locked = book.lock(clinic.id(), itemId);
            items.read(itemId, request, "item");
            int recorder = clinics.recorder(clinic, request);
            int moved;
            if (batchNumber != null) {
                BatchStock moving = book.batch(clinic.id(), locked.rowId(), batchNumber)
                        .orElseThrow(() -> Refusals.refused("batch", locked.name() + " has no batch " + batchNumber));
                String from = book.batchLocation(clinic.id(), moving.batchId()).orElse(locked.storageLocation());
                moved = pair(clinic, locked, moving.batchId(), moving.remaining(), from, place, recorder);
                book.relocateBatch(clinic.id(), moving.batchId(), place);
            } else {
                if (locked.batched() > 0) {
                    throw Refusals.badParameter("batch", locked.name() + " is kept in batches: name the batch moved");
                }
                moved = pair(clinic, locked, null, locked.stock(), locked.storageLocation(), place, recorder);
                ServerOrigin.mark(jdbc);
                jdbc.update("UPDATE inventory_items SET storage_location = ?, updated_at = now() "
                        + "WHERE organization_id = ? AND id = ?", place, clinic.id(), locked.rowId());
            }
            items.refresh(clinic.id(), locked);
            return new Parameters()
                    .addParameter(new Parameters.ParametersParameterComponent().setName("item")
                            .setValue(new Reference("Basic/" + itemId).setDisplay(locked.name())))
                    .addParameter("moved", new IntegerType(moved));
        });
    }

    /** The movements out and in; none for nothing held (the place changes all the same). */
    private int pair(Tenant clinic, StockBook.LockedItem item, Integer batchId, int units, String from, String to,
            int recorder) {
        if (units > 0) {
            String route = (from == null ? "its storage location" : from) + " to " + to;
            book.record(clinic.id(), item, new StockBook.Movement(batchId, "transfer", -units, null, null, null,
                    "Moved out: " + route, recorder));
            book.record(clinic.id(), item, new StockBook.Movement(batchId, "transfer", units, null, null, null,
                    "Moved in: " + route, recorder));
        }
        return units;
    }
}
