package health.cura.fhir.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.mappings.inventory.InventoryItemMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stock operations as a clinic's nurses and back office use them: receipts into batches, dispensing first expiry
 * first against prescriptions, adjustments and transfers, with the ledger agreeing with the stock after each, retries
 * answered once, and every refusal a 4xx OperationOutcome that moves nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockOperationsTest extends StockSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private Reference patient;
    private Reference prescriber;

    @BeforeAll
    void clinicWithAPatientAndAPrescriber() {
        clinic = newTenant("stock");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        patient = new Reference(createPatient(fhir, "Nightingale").toUnqualifiedVersionless());
        prescriber = new Reference(createPractitioner(fhir, "Seacole").toUnqualifiedVersionless());
    }

    @Test
    void anItemWrittenAsBasicLandsInItsRowWithTheFillRules() {
        Basic item = InventoryItemMapper.toFhir(new health.cura.mappings.inventory.InventoryItemRow("unused",
                "Sterile dressing 10x10cm", "Non-adherent", "box", 4, 0, new BigDecimal("3.2500"), new BigDecimal("6.00"),
                "Dressings", "Medline UK", "Store room", false, false, true), List.of(), "GBP",
                new health.cura.mappings.MappingContext(organizationId, clinic, null));
        item.getIdentifier().clear();
        IdType id = create(fhir, item);
        Map<String, Object> row = linkedRow(organizationId, "inventory_items", "Basic", id.getIdPart());
        assertThat((String) row.get("item_code")).startsWith("ITM-");
        assertThat(row).containsEntry("name", "Sterile dressing 10x10cm").containsEntry("unit_of_measurement", "box")
                .containsEntry("reorder_level", 4).containsEntry("current_stock", 0)
                .containsEntry("storage_location", "Store room").containsEntry("is_active", true);
        assertThat((BigDecimal) row.get("unit_cost")).isEqualByComparingTo("3.25");
        assertThat(jdbc.queryForObject("SELECT name FROM inventory_categories WHERE id = ?", String.class,
                row.get("category_id"))).isEqualTo("Dressings");
        assertThat(jdbc.queryForObject("SELECT name FROM inventory_suppliers WHERE id = ?", String.class,
                row.get("supplier_id"))).isEqualTo("Medline UK");
        Basic stored = fhir.read().resource(Basic.class).withId(id).execute();
        assertThat(stored.getMeta().hasProfile(CuraCanonical.profile("cura-inventory-item"))).isTrue();
        assertThat(stored.getIdentifierFirstRep().getValue()).isEqualTo(row.get("item_code"));

        Basic claimsStock = stored.copy();
        InventoryItemMapper.setStock(claimsStock, 40);
        HttpResponse<String> refused = http("PUT", "/" + clinic + "/Basic/" + id.getIdPart(),
                FHIR.newJsonParser().encodeResourceToString(claimsStock), "application/fhir+json");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(diagnostics(refused.body())).contains("$receive-stock");
        assertThat(stock(organizationId, id.getIdPart())).isZero();
    }

    @Test
    void aReceiptOfANewItemMakesItsBatchAndDeliveryAndARetryReceivesNothingMore() {
        Parameters receipt = parameters("itemCode", new StringType("AMOX500"), "name",
                new StringType("Amoxicillin 500 mg capsules"), "unit", new StringType("pack"), "batch",
                new StringType("LOT-A1"), "expiry", new DateType(TODAY.plusMonths(6).toString()), "quantity",
                new IntegerType(20), "unitCost", gbp("2.40"), "supplier", new StringType("Alliance Healthcare"),
                "transactionId", new StringType("delivery-0001"));
        Parameters first = ok(operation(clinic, "$receive-stock", receipt));
        String itemId = itemId(first);
        assertThat(((IntegerType) first.getParameterValue("stockOnHand")).getValue()).isEqualTo(20);
        Parameters again = ok(operation(clinic, "$receive-stock", receipt));
        assertThat(FHIR.newJsonParser().encodeResourceToString(again))
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(first));
        assertThat(stock(organizationId, itemId)).isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory_stock_movements WHERE organization_id = ? "
                + "AND item_id = ?", Integer.class, organizationId, rowId(organizationId, "Basic", itemId))).isOne();
        Parameters other = receipt.copy();
        other.getParameter().removeIf(p -> "quantity".equals(p.getName()));
        other.addParameter("quantity", new IntegerType(5));
        HttpResponse<String> reused = operation(clinic, "$receive-stock", other);
        assertThat(reused.statusCode()).as("the id of another request").isEqualTo(422);
        assertThat(diagnostics(reused.body())).contains("was used for another request");
        assertThat(stock(organizationId, itemId)).isEqualTo(20);
        Map<String, Object> batch = jdbc.queryForMap("SELECT batch_number, expiry_date, quantity, remaining_quantity "
                + "FROM inventory_batches WHERE organization_id = ? AND item_id = ?", organizationId,
                rowId(organizationId, "Basic", itemId));
        assertThat(batch).containsEntry("batch_number", "LOT-A1").containsEntry("quantity", 20)
                .containsEntry("remaining_quantity", 20);

        Basic item = fhir.read().resource(Basic.class).withId(itemId).execute();
        assertThat(InventoryItemMapper.stock(item)).contains(20);
        assertThat(InventoryItemMapper.batches(item)).singleElement()
                .satisfies(b -> assertThat(b.batchNumber()).isEqualTo("LOT-A1"));
        String deliveryId = ((Reference) first.getParameterValue("supplyDelivery")).getReferenceElement().getIdPart();
        SupplyDelivery delivery = fhir.read().resource(SupplyDelivery.class).withId(deliveryId).execute();
        assertThat(delivery.getSuppliedItem().getQuantity().getValue()).isEqualByComparingTo("20");
        assertThat(delivery.getSupplier().getDisplay()).isEqualTo("Alliance Healthcare");
        assertLedgerAgrees(organizationId);
    }

    @Test
    void dispensingTakesTheEarliestExpiryFirstAndNeverAnExpiredBatch() {
        String itemId = itemId(ok(operation(clinic, "$receive-stock", parameters("itemCode", new StringType("IBU200"),
                "name", new StringType("Ibuprofen 200 mg"), "unit", new StringType("pack"), "batch",
                new StringType("LATE"), "expiry", new DateType(TODAY.plusMonths(9).toString()), "quantity",
                new IntegerType(5), "unitCost", gbp("1.10")))));
        receive(itemId, "SOON", TODAY.plusMonths(2), 3);
        receive(itemId, "GONE", TODAY.plusDays(20), 4);
        // time passes for one batch: it expires
        jdbc.update("UPDATE inventory_batches SET expiry_date = ? WHERE organization_id = ? AND batch_number = 'GONE'",
                java.sql.Date.valueOf(TODAY.minusDays(1)), organizationId);
        IdType prescription = prescription(10);

        Parameters dispensed = ok(operation(clinic, "MedicationRequest/" + prescription.getIdPart() + "/$dispense",
                parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(6))));
        assertThat(dispensed.getParameters("batch")).extracting(b -> b.getPart().get(0).getValue().primitiveValue()
                + ":" + b.getPart().get(1).getValue().primitiveValue()).containsExactly("SOON:3", "LATE:3");
        assertThat(stock(organizationId, itemId)).isEqualTo(6);

        HttpResponse<String> tooMuch = operation(clinic, "MedicationRequest/" + prescription.getIdPart()
                + "/$dispense", parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(3)));
        assertThat(tooMuch.statusCode()).as("only 2 unexpired units are left").isEqualTo(409);
        assertThat(diagnostics(tooMuch.body())).contains("Only 2 unexpired units");
        assertThat(stock(organizationId, itemId)).isEqualTo(6);

        String dispenseId = ((Reference) dispensed.getParameterValue("medicationDispense")).getReferenceElement()
                .getIdPart();
        MedicationDispense dispense = fhir.read().resource(MedicationDispense.class).withId(dispenseId).execute();
        assertThat(dispense.getAuthorizingPrescriptionFirstRep().getReference())
                .isEqualTo("MedicationRequest/" + prescription.getIdPart());
        assertThat(dispense.getQuantity().getValue()).isEqualByComparingTo("6");
        assertThat(linkedRow(organizationId, "prescriptions", "MedicationRequest", prescription.getIdPart())
                .get("dispensed_at")).isNotNull();
        assertLedgerAgrees(organizationId);
    }

    @Test
    void aTransferMovesABatchToAnotherPlaceAsAPairOfMovementsAndLeavesTheStock() {
        String itemId = itemId(ok(operation(clinic, "$receive-stock", parameters("itemCode", new StringType("INS10"),
                "name", new StringType("Insulin pens"), "unit", new StringType("pen"), "batch", new StringType("FR-1"),
                "expiry", new DateType(TODAY.plusMonths(4).toString()), "quantity", new IntegerType(8), "unitCost",
                gbp("9.00")))));
        Parameters moved = ok(operation(clinic, "$transfer", parameters("item", new Reference("Basic/" + itemId),
                "batch", new StringType("FR-1"), "to", new StringType("Treatment room fridge"), "transactionId",
                new StringType("move-fr-1"))));
        assertThat(((IntegerType) moved.getParameterValue("moved")).getValue()).isEqualTo(8);
        ok(operation(clinic, "$transfer", parameters("item", new Reference("Basic/" + itemId), "batch",
                new StringType("FR-1"), "to", new StringType("Treatment room fridge"), "transactionId",
                new StringType("move-fr-1"))));
        assertThat(jdbc.queryForList("SELECT quantity FROM inventory_stock_movements WHERE organization_id = ? "
                + "AND item_id = ? AND movement_type = 'transfer' ORDER BY id", Integer.class, organizationId,
                rowId(organizationId, "Basic", itemId))).as("one pair, the retry answered").containsExactly(-8, 8);
        assertThat(stock(organizationId, itemId)).isEqualTo(8);
        Basic item = fhir.read().resource(Basic.class).withId(itemId).execute();
        assertThat(InventoryItemMapper.batches(item)).singleElement()
                .satisfies(b -> assertThat(b.location()).isEqualTo("Treatment room fridge"));
        HttpResponse<String> noBatch = operation(clinic, "$transfer", parameters("item",
                new Reference("Basic/" + itemId), "to", new StringType("Store room")));
        assertThat(noBatch.statusCode()).as("its stock is in batches").isEqualTo(400);
        assertLedgerAgrees(organizationId);
    }

    @Test
    void badInputIsRefusedWithAnOutcomeAndMovesNothing() {
        String itemId = itemId(ok(operation(clinic, "$receive-stock", parameters("itemCode", new StringType("SAL100"),
                "name", new StringType("Salbutamol inhaler"), "unit", new StringType("inhaler"), "quantity",
                new IntegerType(3), "unitCost", gbp("3.50")))));
        int movements = movements();
        assertThat(operation(clinic, "$receive-stock", parameters("item", new Reference("Basic/" + itemId),
                "quantity", new IntegerType(-2))).statusCode()).isEqualTo(400);
        assertThat(operation(clinic, "$adjust-stock", parameters("item", new Reference("Basic/" + itemId),
                "quantity", new IntegerType(-4), "reason", new StringType("Miscount"))).statusCode())
                .as("more than the stock").isEqualTo(409);
        HttpResponse<String> unknown = operation(clinic, "$adjust-stock", parameters("item",
                new Reference("Basic/no-such-item"), "quantity", new IntegerType(1), "reason", new StringType("x")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        IdType cancelled = prescription(1);
        MedicationRequest stopped = fhir.read().resource(MedicationRequest.class).withId(cancelled).execute();
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        fhir.update().resource(stopped).execute();
        HttpResponse<String> refused = operation(clinic, "MedicationRequest/" + cancelled.getIdPart() + "/$dispense",
                parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(1)));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(diagnostics(refused.body())).contains("cancelled", "only an active prescription");
        IdType stoppedElsewhere = prescription(1);
        jdbc.update("UPDATE prescriptions SET status = 'cancelled' WHERE id = ?",
                rowId(organizationId, "MedicationRequest", stoppedElsewhere.getIdPart()));
        HttpResponse<String> stale = operation(clinic, "MedicationRequest/" + stoppedElsewhere.getIdPart()
                + "/$dispense", parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(1)));
        assertThat(stale.statusCode()).as("stopped in the clinic's own record, before FHIR heard").isEqualTo(422);
        assertThat(movements()).isEqualTo(movements);
        assertThat(stock(organizationId, itemId)).isEqualTo(3);
    }

    // --- helpers

    private void receive(String itemId, String batch, LocalDate expiry, int units) {
        ok(operation(clinic, "$receive-stock", parameters("item", new Reference("Basic/" + itemId), "batch",
                new StringType(batch), "expiry", new DateType(expiry.toString()), "quantity",
                new IntegerType(units))));
    }

    private IdType prescription(int quantity) {
        MedicationRequest request = ClinicalShapes.prescription(patient, prescriber);
        request.getDispenseRequest().getQuantity().setValue(quantity);
        return create(fhir, request);
    }

    private int movements() {
        return jdbc.queryForObject("SELECT count(*) FROM inventory_stock_movements WHERE organization_id = ?",
                Integer.class, organizationId);
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }
}
