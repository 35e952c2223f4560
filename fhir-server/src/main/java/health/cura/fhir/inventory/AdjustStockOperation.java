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
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.BatchStock;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/{clinic}/$adjust-stock}: a correction of an item's stock, up or down, with its reason: an
 * {@code adjustment} movement, or one of the kinds of loss ({@code damaged}, {@code expired}) or a {@code return}.
 * Stock never falls below zero: a fall larger than the stock is refused (409) and changes nothing.
 */
public class AdjustStockOperation implements CuraOperation {

    static final String NAME = "adjust-stock";

    /** The movement types an adjustment may be recorded as; purchases, sales and transfers have operations of their own. */
    private static final Set<String> TYPES = Set.of("adjustment", "damaged", "expired", "return");

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation(NAME, "Adjust stock",
                    "Corrects an item's stock by a signed quantity, with the reason, as one stock movement (of the "
                            + "batch named, else of the units no batch holds). Stock never falls below zero. "
                            + "Retrying with the same transactionId answers the first adjustment.")
            .system()
            .changesState()
            .in("item", "Reference", 1, "1", "the item, Basic/{id}")
            .in("quantity", "integer", 1, "1", "units: positive into stock, negative out of it")
            .in("reason", "string", 1, "1", "why, as the clinic's records will say")
            .in("type", "code", 0, "1", "adjustment (default) | damaged | expired | return")
            .in("batch", "string", 0, "1", "the batch (lot) number adjusted")
            .in("transactionId", "string", 0, "1", "the client's id of this adjustment, for safe retries")
            .out("item", "Reference", 1, "1", "the item, Basic/{id}")
            .out("stockOnHand", "integer", 1, "1", "the item's stock after the adjustment")
            .build();

    private final InventoryClinic clinics;
    private final StockBook book;
    private final ItemResources items;
    private final StockRetries retries;
    private final ReorderAlerts reorders;

    public AdjustStockOperation(InventoryClinic clinics, StockBook book, ItemResources items, StockRetries retries,
            ReorderAlerts reorders) {
        this.clinics = clinics;
        this.book = book;
        this.items = items;
        this.retries = retries;
        this.reorders = reorders;
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
    public Parameters adjust(
            @OperationParam(name = "item", min = 1) Reference item,
            @OperationParam(name = "quantity", min = 1) IntegerType quantity,
            @OperationParam(name = "reason", min = 1) StringType reason,
            @OperationParam(name = "type") CodeType type,
            @OperationParam(name = "batch") StringType batch,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String itemId = ItemResources.itemId(item, "item");
        int units = StockParameters.nonZero(quantity, "quantity");
        String why = StockParameters.requiredText(reason, "reason", 1000, "why the stock is corrected");
        String kind = type == null || type.getValue() == null ? "adjustment" : type.getValue();
        if (!TYPES.contains(kind)) {
            throw Refusals.badParameter("type", "type must be one of adjustment, damaged, expired, return");
        }
        if (("damaged".equals(kind) || "expired".equals(kind)) && units > 0) {
            throw Refusals.badParameter("quantity", "A " + kind + " loss takes from stock: quantity must be negative");
        }
        String batchNumber = StockParameters.text(batch, "batch", 50);
        return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request, () -> {
            StockBook.LockedItem locked = book.lock(clinic.id(), itemId);
            items.read(itemId, request, "item");
            Integer batchId = null;
            if (batchNumber != null) {
                batchId = book.batch(clinic.id(), locked.rowId(), batchNumber).map(BatchStock::batchId)
                        .orElseThrow(() -> Refusals.refused("batch", locked.name() + " has no batch " + batchNumber));
            }
            book.record(clinic.id(), locked, new StockBook.Movement(batchId, kind, units, null, null, null, why,
                    clinics.recorder(clinic, request)));
            int after = book.currentStock(clinic.id(), locked.rowId());
            items.refresh(clinic.id(), locked);
            reorders.afterMovement(clinic, locked, after);
            return new Parameters()
                    .addParameter(new Parameters.ParametersParameterComponent().setName("item")
                            .setValue(new Reference("Basic/" + itemId).setDisplay(locked.name())))
                    .addParameter("stockOnHand", new IntegerType(after));
        });
    }
}
