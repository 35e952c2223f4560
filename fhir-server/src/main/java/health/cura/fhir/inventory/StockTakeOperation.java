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
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.BatchStock;
import health.cura.mappings.inventory.StockCount;
import health.cura.mappings.inventory.StockTakeMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * {@code POST /fhir/{clinic}/$stock-take}: a count of the clinic's stock, then its approval. {@code mode=count}
 * records the units counted per item (and batch) as a stock take waiting for approval; nothing moves. {@code
 * mode=approve}, by a role with inventory edit, measures each line against the stock held at that moment (not when it
 * was counted: what was dispensed in between is not lost), posts the difference as an {@code adjustment} and marks the
 * stock take approved with each line's variance.
 */
public class StockTakeOperation implements CuraOperation {

    static final String NAME = "stock-take";

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation(NAME, "Stock take",
                    "mode=count records a stock take: the units counted of each item or batch, waiting for "
                            + "approval. mode=approve (inventory edit) measures each line against the stock held at "
                            + "approval, posts the variance as an adjustment and marks the stock take approved. "
                            + "Retrying an approval with the same transactionId answers the first.")
            .system()
            .changesState()
            .in("mode", "code", 1, "1", "count | approve")
            .in("count", null, 0, "*", "mode=count: one line counted")
            .part("item", "Reference", 1, "1", "the item counted, Basic/{id}")
            .part("batch", "string", 0, "1", "the batch (lot) number counted; the item as a whole when absent")
            .part("quantity", "integer", 1, "1", "units counted, zero or more")
            .in("stockTake", "Reference", 0, "1", "mode=approve: the stock take approved, Basic/{id}")
            .in("transactionId", "string", 0, "1", "the client's id of this call, for safe retries")
            .out("stockTake", "Reference", 1, "1", "the stock take, Basic/{id}")
            .out("status", "code", 1, "1", "requested (counted, waiting for approval) | active (approved)")
            .out("adjustment", null, 0, "*", "mode=approve: one line's variance")
            .part("item", "Reference", 1, "1", "the item, Basic/{id}")
            .part("batch", "string", 0, "1", "the batch counted")
            .part("counted", "integer", 1, "1", "units counted")
            .part("held", "integer", 1, "1", "units held at approval")
            .part("variance", "integer", 1, "1", "counted less held: the adjustment posted")
            .build();

    private final InventoryClinic clinics;
    private final StockBook book;
    private final ItemResources items;
    private final StockRetries retries;
    private final ReorderAlerts reorders;
    private final OperationWrites writes;
    private final Clock clock;

    public StockTakeOperation(InventoryClinic clinics, StockBook book, ItemResources items, StockRetries retries,
            ReorderAlerts reorders, OperationWrites writes, Clock clock) {
        this.clinics = clinics;
        this.book = book;
        this.items = items;
        this.retries = retries;
        this.reorders = reorders;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** Counting records a stock take (inventory create); approval needs inventory edit, checked as it runs. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("Basic", Interaction.READ, Interaction.CREATE),
                RoleNeed.of(ClinicModules.INVENTORY, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$" + NAME, idempotent = false)
    public Parameters stockTake(
            @OperationParam(name = "mode", min = 1) CodeType mode,
            @OperationParam(name = "count", max = OperationParam.MAX_UNLIMITED)
                    List<Parameters.ParametersParameterComponent> counts,
            @OperationParam(name = "stockTake") Reference stockTake,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        String chosen = mode == null ? null : mode.getValue();
        if ("count".equals(chosen)) {
            List<StockCount> lines = lines(counts);
            return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request,
                    () -> count(clinic, lines, request));
        }
        if ("approve".equals(chosen)) {
            clinics.requireInventory(clinic, request, StaffAction.EDIT, "approving a stock take");
            String takeId = stockTakeId(stockTake);
            return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request,
                    () -> approve(clinic, takeId, request));
        }
        throw Refusals.badParameter("mode", "mode must be count or approve");
    }

    private Parameters count(Tenant clinic, List<StockCount> lines, RequestDetails request) {
        // in id order, as an approval locks them, so that a count and an approval never wait for each other
        List<StockCount> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparing(StockCount::itemId));
        for (StockCount line : ordered) {
            StockBook.LockedItem item = book.lock(clinic.id(), line.itemId());
            items.read(line.itemId(), request, "count.item");
            if (line.batch() != null && book.batch(clinic.id(), item.rowId(), line.batch()).isEmpty()) {
                throw Refusals.refused("count.batch", item.name() + " has no batch " + line.batch());
            }
        }
        String id = writing(request, () -> writes.create(StockTakeMapper.counted(lines, Date.from(clock.instant())),
                request));
        return answer(id, StockTakeMapper.REQUESTED);
    }

    private Parameters approve(Tenant clinic, String takeId, RequestDetails request) {
        book.lockKey(clinic.id(), "stock-take:" + takeId);
        Basic take = writes.read(Basic.class, takeId, request);
        if (!StockTakeMapper.isStockTake(take)) {
            throw Refusals.badParameter("stockTake", "Basic/" + takeId + " is not a stock take");
        }
        if (!StockTakeMapper.REQUESTED.equals(StockTakeMapper.status(take))) {
            throw Refusals.refused("stockTake", "Basic/" + takeId + " is not waiting for approval (its status is "
                    + StockTakeMapper.status(take) + ")");
        }
        int recorder = clinics.recorder(clinic, request);
        List<StockCount> approved = new ArrayList<>();
        Parameters answer = answer(takeId, StockTakeMapper.APPROVED);
        // one item at a time, in id order, so that two approvals never wait for each other's items
        List<StockCount> lines = new ArrayList<>(StockTakeMapper.lines(take));
        lines.sort(Comparator.comparing(StockCount::itemId));
        for (StockCount line : lines) {
            StockBook.LockedItem item = book.lock(clinic.id(), line.itemId());
            Integer batchId = null;
            int held = item.stock();
            if (line.batch() != null) {
                BatchStock batch = book.batch(clinic.id(), item.rowId(), line.batch()).orElseThrow(() ->
                        Refusals.refused("stockTake", item.name() + " has no batch " + line.batch()));
                batchId = batch.batchId();
                held = batch.remaining();
            }
            int variance = line.counted() - held;
            if (variance != 0) {
                book.record(clinic.id(), item, new StockBook.Movement(batchId, "adjustment", variance, null, null,
                        null, "Stock take Basic/" + takeId + ": counted " + line.counted() + ", held " + held,
                        recorder));
                int after = book.currentStock(clinic.id(), item.rowId());
                items.refresh(clinic.id(), item);
                reorders.afterMovement(clinic, item, after);
            }
            approved.add(new StockCount(line.itemId(), line.batch(), line.counted(), variance));
            Parameters.ParametersParameterComponent adjustment = answer.addParameter().setName("adjustment");
            adjustment.addPart().setName("item").setValue(new Reference("Basic/" + line.itemId())
                    .setDisplay(item.name()));
            if (line.batch() != null) {
                adjustment.addPart().setName("batch").setValue(new StringType(line.batch()));
            }
            adjustment.addPart().setName("counted").setValue(new IntegerType(line.counted()));
            adjustment.addPart().setName("held").setValue(new IntegerType(held));
            adjustment.addPart().setName("variance").setValue(new IntegerType(variance));
        }
        StockTakeMapper.approve(take, approved, Date.from(clock.instant()));
        writing(request, () -> {
            writes.update(take, request);
            return take;
        });
        return answer;
    }

    /** The request mark of this operation's writes: it alone writes stock takes. */
    public static final String WRITING = StockTakeOperation.class.getName() + ".writing";

    private static <T> T writing(RequestDetails request, java.util.function.Supplier<T> write) {
        request.getUserData().put(WRITING, Boolean.TRUE);
        try {
            return write.get();
        } finally {
            request.getUserData().remove(WRITING);
        }
    }

    private static Parameters answer(String takeId, String status) {
        return new Parameters()
                .addParameter(new Parameters.ParametersParameterComponent().setName("stockTake")
                        .setValue(new Reference("Basic/" + takeId)))
                .addParameter("status", new CodeType(status));
    }

    private static String stockTakeId(Reference stockTake) {
        if (stockTake == null || !stockTake.hasReference()
                || !"Basic".equals(stockTake.getReferenceElement().getResourceType())
                || !stockTake.getReferenceElement().hasIdPart()) {
            throw Refusals.badParameter("stockTake", "stockTake is required: the stock take approved, Basic/{id}");
        }
        return stockTake.getReferenceElement().getIdPart();
    }

    private static List<StockCount> lines(List<Parameters.ParametersParameterComponent> counts) {
        if (counts == null || counts.isEmpty()) {
            throw Refusals.badParameter("count", "A stock take counts at least one item: give count parameters");
        }
        List<StockCount> lines = new ArrayList<>();
        for (Parameters.ParametersParameterComponent count : counts) {
            Reference item = null;
            String batch = null;
            Integer quantity = null;
            for (Parameters.ParametersParameterComponent part : count.getPart()) {
                Type value = part.getValue();
                switch (part.getName()) {
                    case "item" -> item = value instanceof Reference reference ? reference : null;
                    case "batch" -> batch = StockParameters.text(value instanceof StringType text ? text : null,
                            "count.batch", 50);
                    case "quantity" -> quantity = value instanceof IntegerType integer ? integer.getValue() : null;
                    default -> throw Refusals.badParameter("count." + part.getName(), "A count has the parts item, "
                            + "batch and quantity, not " + part.getName());
                }
            }
            String itemId = ItemResources.itemId(item, "count.item");
            if (quantity == null || quantity < 0) {
                throw Refusals.badParameter("count.quantity", "Each count needs its quantity: a whole number, zero "
                        + "or more");
            }
            String counted = batch;
            if (lines.stream().anyMatch(l -> l.itemId().equals(itemId) && java.util.Objects.equals(l.batch(),
                    counted))) {
                throw Refusals.badParameter("count", "Basic/" + itemId + (batch == null ? "" : " batch " + batch)
                        + " is counted twice");
            }
            lines.add(new StockCount(itemId, batch, quantity, null));
        }
        return lines;
    }
}
