package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.access.roles.ClinicModules;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.grant.SmartScope.Interaction;
import health.cura.fhir.grant.StaffAction;
import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationDefinitions;
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.operations.RoleNeed;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import health.cura.fhir.tenancy.Tenant;
import health.cura.mappings.inventory.BatchPick;
import health.cura.mappings.inventory.BatchStock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /fhir/{clinic}/MedicationRequest/{id}/$dispense}: gives an active prescription's medicine from stock.
 * Units are taken first expiry first across the item's batches (never from an expired one; units no batch holds
 * last), as {@code sale} movements that name the prescription; the MedicationDispense records what was given, and the
 * prescription's {@code dispensed_at} is set. Dispenses of one item wait for each other on its row, so the last box is
 * given once; stock too low is refused (409) and changes nothing. A prescription is not dispensed beyond the quantity
 * it prescribes.
 */
public class DispenseOperation implements CuraOperation {

    static final String NAME = "dispense";

    private static final OperationDefinition DEFINITION = OperationDefinitions
            .operation(NAME, "Dispense a prescription from stock",
                    "Takes the prescribed medicine from the clinic's stock, first expiry first across batches and "
                            + "never from an expired batch, records a MedicationDispense and sets the prescription's "
                            + "dispensed time. Retrying with the same transactionId answers the first dispense.")
            .instance("MedicationRequest")
            .changesState()
            .in("item", "Reference", 0, "1", "the inventory item given, Basic/{id}; else the item whose code the "
                    + "medication carries")
            .in("quantity", "integer", 0, "1", "units given; the prescription's dispense quantity when absent")
            .in("transactionId", "string", 0, "1", "the client's id of this dispense, for safe retries")
            .out("medicationDispense", "Reference", 1, "1", "the dispense recorded, MedicationDispense/{id}")
            .out("item", "Reference", 1, "1", "the item, Basic/{id}")
            .out("stockOnHand", "integer", 1, "1", "the item's stock after the dispense")
            .out("batch", null, 0, "*", "units taken from each batch")
            .part("number", "string", 0, "1", "the batch (lot) number; absent for units no batch held")
            .part("quantity", "integer", 1, "1", "units taken from it")
            .build();

    private final InventoryClinic clinics;
    private final StockBook book;
    private final ItemResources items;
    private final StockRetries retries;
    private final ReorderAlerts reorders;
    private final OperationWrites writes;
    private final ResourceLinks links;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DispenseOperation(InventoryClinic clinics, StockBook book, ItemResources items, StockRetries retries,
            ReorderAlerts reorders, OperationWrites writes, ResourceLinks links, JdbcTemplate jdbc, Clock clock) {
        this.clinics = clinics;
        this.book = book;
        this.items = items;
        this.retries = retries;
        this.reorders = reorders;
        this.writes = writes;
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public OperationDefinition definition() {
        return DEFINITION;
    }

    /** The rule: both prescriptions edit and inventory create. */
    @Override
    public OperationAccess access() {
        return OperationAccess.clinic(grant -> grant.changesAcrossClinic("MedicationRequest", Interaction.READ)
                        && grant.changesAcrossClinic("MedicationDispense", Interaction.CREATE)
                        && grant.changesAcrossClinic("Basic", Interaction.READ),
                RoleNeed.of(ClinicModules.PRESCRIPTIONS, StaffAction.EDIT)
                        .and(ClinicModules.INVENTORY, StaffAction.CREATE));
    }

    @Override
    public OperationAudit audit() {
        return OperationAudit.NONE;
    }

    @Operation(name = "$" + NAME, type = MedicationRequest.class, idempotent = false)
    public Parameters dispense(
            @IdParam IdType prescriptionId,
            @OperationParam(name = "item") Reference item,
            @OperationParam(name = "quantity") IntegerType quantity,
            @OperationParam(name = "transactionId") StringType transactionId,
            RequestDetails request) {
        Tenant clinic = clinics.of(request);
        Integer asked = quantity == null ? null : StockParameters.positive(quantity, "quantity");
        String givenItem = item == null ? null : ItemResources.itemId(item, "item");
        return retries.once(clinic.id(), StockRetries.id(transactionId), NAME, request, () -> {
            MedicationRequest prescription = writes.read(MedicationRequest.class, prescriptionId.getIdPart(), request);
            if (prescription.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE) {
                throw Refusals.refused("MedicationRequest.status", "MedicationRequest/" + prescriptionId.getIdPart()
                        + " is " + (prescription.hasStatus() ? prescription.getStatus().toCode() : "without a status")
                        + ": only an active prescription is dispensed");
            }
            int row = links.rowId(clinic.id(), "MedicationRequest", prescriptionId.getIdPart()).orElseThrow(() ->
                    Refusals.refused("MedicationRequest", "MedicationRequest/" + prescriptionId.getIdPart()
                            + " has no row in the clinic's prescriptions"));
            String rowStatus = jdbc.queryForList("SELECT status FROM prescriptions WHERE organization_id = ? AND id = ? "
                    + "FOR UPDATE", String.class, clinic.id(), row).stream().findFirst().orElse(null);
            if (!"active".equals(rowStatus)) {
                // the clinic's own record decides: other software may have stopped it since FHIR last heard
                throw Refusals.refused("MedicationRequest.status", "MedicationRequest/" + prescriptionId.getIdPart()
                        + " is " + rowStatus + " in the clinic's prescriptions: only an active prescription is "
                        + "dispensed");
            }
            String itemId = givenItem != null ? givenItem : itemOf(clinic, prescription);
            // the item's row first: what HAPI reads of the item after it is then its latest version
            StockBook.LockedItem locked = book.lock(clinic.id(), itemId);
            items.read(itemId, request, "item");
            int units = asked != null ? asked : prescribedQuantity(prescription).orElseThrow(() ->
                    Refusals.badParameter("quantity", "quantity is required: the prescription states no dispense "
                            + "quantity"));
            prescribedQuantity(prescription).ifPresent(prescribed -> {
                int given = dispensedSoFar(clinic.id(), row);
                if (given + units > prescribed) {
                    throw Refusals.refused("quantity", "The prescription is for " + prescribed + " units and "
                            + given + " have been dispensed: " + units + " more would exceed it");
                }
            });
            if (!locked.active()) {
                throw Refusals.refused("item", locked.name() + " is inactive: it is not dispensed");
            }
            List<BatchStock> stock = held(clinic, locked);
            List<BatchPick.Take> takes = pick(locked, stock, units);
            java.util.Map<Integer, BigDecimal> costs = new java.util.HashMap<>();
            stock.forEach(batch -> costs.put(batch.batchId(), batch.unitCost() != null ? batch.unitCost()
                    : locked.unitCost()));
            int recorder = clinics.recorder(clinic, request);
            MedicationDispense dispense = new MedicationDispense();
            for (BatchPick.Take take : takes) {
                Integer batchId = take.batchId() == UNBATCHED ? null : take.batchId();
                int movement = book.record(clinic.id(), locked, new StockBook.Movement(batchId, "sale",
                        -take.quantity(), costs.get(take.batchId()), "prescription", row,
                        "Dispensed for MedicationRequest/" + prescriptionId.getIdPart(), recorder));
                dispense.addIdentifier().setSystem(CuraCanonical.stockMovementSystem(clinic.subdomain()))
                        .setValue(Integer.toString(movement));
                if (take.batchNumber() != null) {
                    dispense.addExtension(CuraCanonical.BATCH_NUMBER_EXTENSION, new StringType(take.batchNumber()));
                }
            }
            ServerOrigin.mark(jdbc);
            jdbc.update("UPDATE prescriptions SET dispensed_at = ?, updated_at = now() WHERE organization_id = ? "
                    + "AND id = ?", LocalDateTime.now(clock.withZone(ZoneOffset.UTC)), clinic.id(), row);
            dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
            dispense.setMedication(prescription.getMedication().copy());
            dispense.setSubject(prescription.getSubject().copy());
            dispense.addAuthorizingPrescription(new Reference("MedicationRequest/" + prescriptionId.getIdPart()));
            dispense.setQuantity(new Quantity().setValue(units).setUnit(locked.unit()));
            dispense.setWhenHandedOver(Date.from(clock.instant()));
            RequestGrants.of(request).flatMap(AccessGrant::fhirUser).filter(u -> u.startsWith("Practitioner/"))
                    .ifPresent(practitioner -> dispense.addPerformer().setActor(new Reference(practitioner)));
            String dispenseId = writes.create(dispense, request);
            int after = book.currentStock(clinic.id(), locked.rowId());
            items.refresh(clinic.id(), locked);
            reorders.afterMovement(clinic, locked, after);
            Parameters answer = new Parameters()
                    .addParameter(new Parameters.ParametersParameterComponent().setName("medicationDispense")
                            .setValue(new Reference("MedicationDispense/" + dispenseId)))
                    .addParameter(new Parameters.ParametersParameterComponent().setName("item")
                            .setValue(new Reference("Basic/" + itemId).setDisplay(locked.name())))
                    .addParameter("stockOnHand", new IntegerType(after));
            for (BatchPick.Take take : takes) {
                Parameters.ParametersParameterComponent batch = answer.addParameter().setName("batch");
                if (take.batchNumber() != null) {
                    batch.addPart().setName("number").setValue(new StringType(take.batchNumber()));
                }
                batch.addPart().setName("quantity").setValue(new IntegerType(take.quantity()));
            }
            return answer;
        });
    }

    /** Marks the units no batch holds in a pick: they go last, after every batch. */
    private static final int UNBATCHED = Integer.MAX_VALUE;

    /** What the item holds: its batches, and its units no batch holds as one more, after them all. */
    private List<BatchStock> held(Tenant clinic, StockBook.LockedItem item) {
        List<BatchStock> stock = new ArrayList<>(book.batches(clinic.id(), item.rowId()));
        if (item.unbatched() > 0) {
            stock.add(new BatchStock(UNBATCHED, null, null, item.unbatched(), item.unitCost()));
        }
        return stock;
    }

    private List<BatchPick.Take> pick(StockBook.LockedItem item, List<BatchStock> stock, int units) {
        try {
            return BatchPick.firstExpiryFirst(stock, units, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (BatchPick.NotEnoughStock e) {
            throw Refusals.conflict("quantity", item.name() + ": " + e.getMessage());
        }
    }

    /** The item whose code the medication carries (a coding of the clinic's item-code system, or its code alone). */
    private String itemOf(Tenant clinic, MedicationRequest prescription) {
        List<org.hl7.fhir.r4.model.Coding> codings = prescription.hasMedicationCodeableConcept()
                ? prescription.getMedicationCodeableConcept().getCoding() : List.of();
        String itemCodes = CuraCanonical.itemCodeSystem(clinic.subdomain());
        for (var coding : codings) {
            // the clinic's own item codes only: a SNOMED or dm+d code that looks like one is another product
            boolean clinicCode = !coding.hasSystem() || itemCodes.equals(coding.getSystem());
            Optional<String> found = coding.hasCode() && clinicCode ? book.itemByCode(clinic.id(), coding.getCode())
                    : Optional.empty();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw Refusals.badParameter("item", "item is required: no item of the clinic carries the code of the "
                + "prescribed medication");
    }

    private static Optional<Integer> prescribedQuantity(MedicationRequest prescription) {
        Quantity quantity = prescription.getDispenseRequest().getQuantity();
        if (quantity == null || !quantity.hasValue()) {
            return Optional.empty();
        }
        return Optional.of(quantity.getValue().intValue());
    }

    private int dispensedSoFar(int organizationId, int prescriptionRow) {
        Integer given = jdbc.queryForObject("""
                SELECT coalesce(-sum(quantity), 0) FROM inventory_stock_movements
                WHERE organization_id = ? AND reference_type = 'prescription' AND reference_id = ?""",
                Integer.class, organizationId, prescriptionRow);
        return given == null ? 0 : given;
    }
}
