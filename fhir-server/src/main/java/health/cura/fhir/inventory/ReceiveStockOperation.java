package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.BatchStock;
import health.cura.mappings.inventory.InventoryItemMapper;
import health.cura.mappings.inventory.InventoryItemRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.SupplyDelivery;

/**
 * {@code POST /fhir/{clinic}/$receive-stock}: stock received into the clinic, of an item it keeps or a new one. The
 * receipt is a {@code purchase} movement (into its batch, made when new) and a SupplyDelivery; the item's stock and
 * batches show it at once.
 */
public class ReceiveStockOperation implements CuraOperation {

    static final String NAME = "receive-stock";

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation(NAME, "Receive stock",
                    "Records stock received: a purchase movement into the item's stock (and its batch), answered "
                            + "with the item and the SupplyDelivery recorded. An item the clinic does not keep yet is "
                            + "added when itemCode, name, unit and unitCost are given. Retrying with the same "
                            + "transactionId answers the first receipt and receives nothing more.")
            .system()
            .changesState()
            .in("item", "Reference", 0, "1", "the item received, Basic/{id}; or itemCode for an item by its code")
            .in("itemCode", "string", 0, "1", "the clinic's code of the item; a new item with name and unit")
            .in("name", "string", 0, "1", "a new item's name")
            .in("unit", "string", 0, "1", "a new item's unit (box, bottle, unit, ...)")
            .in("batch", "string", 0, "1", "the batch (lot) number; required for an item tracked by batch")
            .in("expiry", "date", 0, "1", "the batch's expiry date")
            .in("quantity", "integer", 1, "1", "units received, above zero")
            .in("unitCost", "Money", 0, "1", "what one unit cost; the item's unit cost when absent")
            .in("supplier", "string", 0, "1", "who supplied it")
            .in("transactionId", "string", 0, "1", "the client's id of this receipt, for safe retries")
            .out("item", "Reference", 1, "1", "the item, Basic/{id}")
            .out("supplyDelivery", "Reference", 1, "1", "the receipt, SupplyDelivery/{id}")
            .out("stockOnHand", "integer", 1, "1", "the item's stock after the receipt")
            .build();

    private final InventoryClinic clinics;
    private final StockBook book;
    private final ItemCatalogue catalogue;
    private final ItemResources items;
    private final StockRetries retries;
    private final OperationWrites writes;
    private final Clock clock;

    public ReceiveStockOperation(InventoryClinic clinics, StockBook book, ItemCatalogue catalogue, ItemResources items,
            StockRetries retries, OperationWrites writes, Clock clock) {
        this.clinics = clinics;
        this.book = book;
        this.catalogue = catalogue;
        this.items = items;
        this.retries = retries;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Basic", Interaction.READ, Interaction.CREATE)
                        && grant.changesAcrossClinic("SupplyDelivery", Interaction.CREATE),
                RoleNeed.of(ClinicModules.INVENTORY, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$" + NAME, idempotent = false)
    public Parameters receive(
            @OperationParam(name = "item") Reference item,
            @OperationParam(name = "itemCode") StringType itemCode,
            @OperationParam(name = "name") StringType name,
            @OperationParam(name = "unit") StringType unit,
            @OperationParam(name = "batch") StringType batch,
            @OperationParam(name = "expiry") DateType expiry,
            @OperationParam(name = "quantity", min = 1) IntegerType quantity,
            @OperationParam(name = "unitCost") Money unitCost,
            @OperationParam(name = "supplier") StringType supplier,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String currency = clinics.currency(clinic);
        int units = StockParameters.positive(quantity, "quantity");
        String code = StockParameters.text(itemCode, "itemCode", 50);
        if (item == null && code == null) {
            throw Refusals.badParameter("item", "item (Basic/{id}) or itemCode is required");
        }
        if (item != null && code != null) {
            throw Refusals.badParameter("itemCode", "Give item or itemCode, not both");
        }
        String batchNumber = StockParameters.text(batch, "batch", 50);
        LocalDate expires = StockParameters.day(expiry, "expiry");
        if (expires != null && batchNumber == null) {
            throw Refusals.badParameter("expiry", "An expiry date belongs to a batch: give batch too");
        }
        if (expires != null && !expires.isAfter(LocalDate.now(clock))) {
            throw Refusals.refused("expiry", "Batch " + batchNumber + " expired on " + expires
                    + ": expired stock is not received");
        }
        BigDecimal cost = StockParameters.cost(unitCost, "unitCost", currency);
        String from = StockParameters.text(supplier, "supplier", 200);
        String newName = StockParameters.text(name, "name", 500);
        String newUnit = StockParameters.text(unit, "unit", 20);
        return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request, () -> {
            String itemId = item != null ? ItemResources.itemId(item, "item")
                    : byCode(clinic, code, newName, newUnit, cost, currency, request);
            StockBook.LockedItem locked = book.lock(clinic.id(), itemId);
            if (item != null) {
                items.read(itemId, request, "item");
            }
            if (!locked.active()) {
                throw Refusals.refused("item", locked.name() + " is inactive: reactivate it before receiving stock");
            }
            if (locked.batchTracking() && batchNumber == null) {
                throw Refusals.badParameter("batch", locked.name() + " is tracked by batch: batch is required");
            }
            BigDecimal unitCostOf = cost != null ? cost : locked.unitCost();
            Integer supplierId = catalogue.supplier(clinic.id(), from);
            Integer batchId = batchNumber == null ? null
                    : batchOf(clinic.id(), locked, batchNumber, expires, unitCostOf, supplierId);
            int movement = book.record(clinic.id(), locked, new StockBook.Movement(batchId, "purchase", units,
                    unitCostOf, null, null, from == null ? "Received" : "Received from " + from,
                    clinics.recorder(clinic, request)));
            SupplyDelivery delivery = delivery(clinic, locked, units, batchNumber, from, movement);
            String deliveryId = writes.create(delivery, request);
            items.refresh(clinic.id(), locked);
            return new Parameters()
                    .addParameter(new Parameters.ParametersParameterComponent().setName("item")
                            .setValue(new Reference("Basic/" + itemId).setDisplay(locked.name())))
                    .addParameter(new Parameters.ParametersParameterComponent().setName("supplyDelivery")
                            .setValue(new Reference("SupplyDelivery/" + deliveryId)))
                    .addParameter("stockOnHand", new IntegerType(book.currentStock(clinic.id(), locked.rowId())));
        });
    }

    /** The clinic's item of that code; a new one, made by the caller, when it has none. */
    private String byCode(Tenant clinic, String code, String name, String unit, BigDecimal cost, String currency,
            RequestDetails request) {
        book.lockCode(clinic.id(), code);
        Optional<String> found = book.itemByCode(clinic.id(), code);
        if (found.isPresent()) {
            return found.get();
        }
        if (name == null || unit == null || cost == null) {
            throw Refusals.badParameter(name == null ? "name" : unit == null ? "unit" : "unitCost",
                    "The clinic keeps no item " + code + ": a new item needs name, unit and unitCost");
        }
        Basic created = InventoryItemMapper.toFhir(new InventoryItemRow(code, name, null, unit, 10, 0, cost, null,
                null, null, null, false, false, true), List.of(), currency,
                new health.cura.mappings.MappingContext(clinic.id(), clinic.subdomain(), null));
        return writes.create(created, request);
    }

    private Integer batchOf(int organizationId, StockBook.LockedItem item, String number, LocalDate expiry,
            BigDecimal cost, Integer supplierId) {
        Optional<BatchStock> found = book.batch(organizationId, item.rowId(), number);
        if (found.isEmpty()) {
            return book.newBatch(organizationId, item.rowId(), number, expiry, cost, supplierId);
        }
        if (expiry != null && found.get().expiry() != null && !expiry.equals(found.get().expiry())) {
            throw Refusals.refused("expiry", "Batch " + number + " of " + item.name() + " expires on "
                    + found.get().expiry() + ", not " + expiry);
        }
        return found.get().batchId();
    }

    private SupplyDelivery delivery(Tenant clinic, StockBook.LockedItem item, int units, String batch, String supplier,
            int movement) {
        SupplyDelivery delivery = new SupplyDelivery();
        delivery.addIdentifier().setSystem(CuraCanonical.stockMovementSystem(clinic.subdomain()))
                .setValue(Integer.toString(movement));
        delivery.setStatus(SupplyDelivery.SupplyDeliveryStatus.COMPLETED);
        SupplyDelivery.SupplyDeliverySuppliedItemComponent supplied = delivery.getSuppliedItem();
        supplied.setQuantity(new Quantity().setValue(units).setUnit(item.unit()));
        supplied.getItemCodeableConcept().setText(item.name()).addCoding()
                .setSystem(CuraCanonical.itemCodeSystem(clinic.subdomain())).setCode(item.itemCode())
                .setDisplay(item.name());
        delivery.setOccurrence(new org.hl7.fhir.r4.model.DateTimeType(Date.from(clock.instant())));
        if (supplier != null) {
            delivery.setSupplier(new Reference().setDisplay(supplier));
        }
        if (batch != null) {
            delivery.addExtension(CuraCanonical.BATCH_NUMBER_EXTENSION, new StringType(batch));
        }
        return delivery;
    }
}
