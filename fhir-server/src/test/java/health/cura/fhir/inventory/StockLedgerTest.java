package health.cura.fhir.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.Eventually;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import health.cura.mappings.inventory.InventoryItemMapper;

/**
 * The ledger's promises under load and over time: the stock is the sum of the movements after any sequence of
 * operations, fifty nurses dispensing the last ten units succeed ten times, a stock take is measured against the stock
 * at approval, a fall to the reorder level raises one reorder, valuation matches hand-computed figures, stock other
 * software writes is reconciled, batches about to expire are notified once, and another clinic sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockLedgerTest extends StockSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    private ExpiryAlerts expiryAlerts;

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private Reference patient;
    private Reference prescriber;

    @BeforeAll
    void clinicWithStaff() {
        clinic = newTenant("ledger");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        patient = new Reference(createPatient(fhir, "Garrett").toUnqualifiedVersionless());
        prescriber = new Reference(createPractitioner(fhir, "Blackwell").toUnqualifiedVersionless());
        staffMember(clinic, "nurse.jo", "stock room 2026", "nurse");
        staffMember(clinic, "front.desk", "stock room 2026", "receptionist");
    }

    @Test
    void theStockIsTheSumOfTheMovementsAfterAnyRandomSequenceOfOperations() {
        for (long seed : new long[] {7L, 2026L, 99_991L}) {
            Random random = new Random(seed);
            String itemId = newItem("RND-" + seed, "Random item " + seed, 0);
            IdType prescription = prescription(null);
            List<String> batches = new ArrayList<>();
            for (int step = 0; step < 25; step++) {
                int choice = random.nextInt(5);
                HttpResponse<String> response;
                if (choice == 0 || batches.isEmpty()) {
                    String batch = "B" + seed + "-" + step;
                    batches.add(batch);
                    response = operation(clinic, "$receive-stock", parameters("item", item(itemId), "batch",
                            new StringType(batch), "expiry", new DateType(TODAY.plusDays(30 + random.nextInt(300))
                                    .toString()), "quantity", new IntegerType(1 + random.nextInt(20))));
                } else if (choice == 1) {
                    response = operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity",
                            new IntegerType(random.nextInt(11) - 5 == 0 ? 1 : random.nextInt(11) - 5), "batch",
                            new StringType(batches.get(random.nextInt(batches.size()))), "reason",
                            new StringType("Random correction")));
                } else if (choice == 2) {
                    response = operation(clinic, "MedicationRequest/" + prescription.getIdPart() + "/$dispense",
                            parameters("item", item(itemId), "quantity", new IntegerType(1 + random.nextInt(8))));
                } else if (choice == 3) {
                    response = operation(clinic, "$transfer", parameters("item", item(itemId), "batch",
                            new StringType(batches.get(random.nextInt(batches.size()))), "to",
                            new StringType("Cupboard " + random.nextInt(3))));
                } else {
                    response = operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity",
                            new IntegerType(-1 - random.nextInt(3)), "type", new CodeType("damaged"), "batch",
                            new StringType(batches.get(random.nextInt(batches.size()))), "reason",
                            new StringType("Dropped")));
                }
                assertThat(response.statusCode()).as("seed " + seed + " step " + step + ": " + response.body())
                        .isIn(200, 409);
                assertLedgerAgrees(organizationId);
                Basic shown = fhir.read().resource(Basic.class).withId(itemId).execute();
                assertThat(InventoryItemMapper.stock(shown)).as("the item shows its row's stock")
                        .contains(stock(organizationId, itemId));
            }
        }
    }

    @Test
    void fiftyConcurrentDispensesOfTheLastTenUnitsSucceedExactlyTenTimes() throws Exception {
        String itemId = newItem("LAST10", "Co-codamol 30/500", 10);
        IdType prescription = prescription(null);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> operation(clinic, "MedicationRequest/" + prescription.getIdPart()
                        + "/$dispense", parameters("item", item(itemId), "quantity", new IntegerType(1)))));
            }
            int given = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                if (response.statusCode() == 200) {
                    given++;
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                    assertThat(diagnostics(response.body())).as("refused for the stock, nothing else")
                            .contains("unexpired units are in stock");
                    refused++;
                }
            }
            assertThat(given).isEqualTo(10);
            assertThat(refused).isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        assertThat(stock(organizationId, itemId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory_stock_movements WHERE organization_id = ? "
                + "AND item_id = ? AND movement_type = 'sale'", Integer.class, organizationId,
                rowId(organizationId, "Basic", itemId))).isEqualTo(10);
        assertLedgerAgrees(organizationId);
    }

    @Test
    void concurrentDispensesOfOneItemWaitForEachOtherAndAllSucceedWhileStockLasts() throws Exception {
        String itemId = newItem("HOT", "Paracetamol 500 mg", 100);
        // a prescription each, as at a busy dispensary: only the item is shared
        List<IdType> prescriptions = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            prescriptions.add(prescription(null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (IdType prescription : prescriptions) {
                calls.add(pool.submit(() -> operation(clinic, "MedicationRequest/" + prescription.getIdPart()
                        + "/$dispense", parameters("item", item(itemId), "quantity", new IntegerType(2)))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(stock(organizationId, itemId)).isEqualTo(4);
        Basic shown = fhir.read().resource(Basic.class).withId(itemId).execute();
        assertThat(InventoryItemMapper.stock(shown)).contains(4);
        assertLedgerAgrees(organizationId);
    }

    @Test
    void aStockTakeIsMeasuredAgainstTheStockAtApprovalAndAdjustsOnlyThen() {
        String itemId = newItem("GAUZE", "Gauze swabs", 10);
        Parameters counted = ok(operation(clinic, "$stock-take", countOf(itemId, 7)));
        assertThat(counted.getParameterValue("status").primitiveValue()).isEqualTo("requested");
        assertThat(stock(organizationId, itemId)).as("counting moves nothing").isEqualTo(10);
        // two are used between the count and its approval: the count of 7 is measured against 8, not 10
        ok(operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity", new IntegerType(-2),
                "reason", new StringType("Used in clinic"))));
        Parameters approved = ok(operation(clinic, "$stock-take", parameters("mode", new CodeType("approve"),
                "stockTake", counted.getParameterValue("stockTake"))));
        Parameters.ParametersParameterComponent line = approved.getParameters("adjustment").get(0);
        assertThat(part(line, "held")).isEqualTo("8");
        assertThat(part(line, "variance")).isEqualTo("-1");
        assertThat(stock(organizationId, itemId)).isEqualTo(7);
        HttpResponse<String> twice = operation(clinic, "$stock-take", parameters("mode", new CodeType("approve"),
                "stockTake", counted.getParameterValue("stockTake")));
        assertThat(twice.statusCode()).isEqualTo(422);
        String takeId = ((Reference) counted.getParameterValue("stockTake")).getReferenceElement().getIdPart();
        Basic reopened = fhir.read().resource(Basic.class).withId(takeId).execute();
        reopened.getExtensionByUrl(health.cura.mappings.inventory.StockTakeMapper.STATUS)
                .setValue(new CodeType("requested"));
        HttpResponse<String> rewritten = http("PUT", "/" + clinic + "/Basic/" + takeId,
                FHIR.newJsonParser().encodeResourceToString(reopened), "application/fhir+json");
        assertThat(rewritten.statusCode()).as("a stock take is not reopened over REST").isEqualTo(422);
        assertThat(stock(organizationId, itemId)).isEqualTo(7);
        assertLedgerAgrees(organizationId);
    }

    @Test
    void fallingToTheReorderLevelRaisesOneDraftReorderAndTellsTheStaffWhoSeeInventory() {
        String itemId = newItem("ORS", "Oral rehydration salts", 8, 5);
        int nurse = userId("nurse.jo");
        int desk = userId("front.desk");
        adjust(itemId, -2);
        assertThat(reorders(itemId)).as("still above the level").isEmpty();
        adjust(itemId, -1);
        assertThat(reorders(itemId)).as("fell to the level").hasSize(1);
        adjust(itemId, -2);
        assertThat(reorders(itemId)).as("no second reorder while the first is a draft").hasSize(1);
        String supplyRequest = reorders(itemId).get(0);
        org.hl7.fhir.r4.model.SupplyRequest reorder = fhir.read().resource(org.hl7.fhir.r4.model.SupplyRequest.class)
                .withId(supplyRequest).execute();
        assertThat(reorder.getStatus().toCode()).isEqualTo("draft");
        assertThat(reorder.getQuantity().getValue()).isEqualByComparingTo("5");
        assertThat(notifications(nurse, "Oral rehydration salts is low")).isOne();
        assertThat(notifications(desk, "Oral rehydration salts is low")).as("no inventory view").isZero();

        // once ordered and restocked, the next fall raises a new one
        reorder.setStatus(org.hl7.fhir.r4.model.SupplyRequest.SupplyRequestStatus.ACTIVE);
        fhir.update().resource(reorder).execute();
        adjust(itemId, 10);
        adjust(itemId, -9);
        assertThat(reorders(itemId)).hasSize(1).doesNotContain(supplyRequest);
    }

    @Test
    void valuationMatchesHandComputedFiguresByFifoAndWeightedAverage() {
        String itemId = newItem("VAL", "Valuation item", 0);
        receive(itemId, "V1", "1.00", 10);
        receive(itemId, "V2", "1.30", 10);
        receive(itemId, "V3", "0.3333", 3);
        IdType prescription = prescription(null);
        ok(operation(clinic, "MedicationRequest/" + prescription.getIdPart() + "/$dispense",
                parameters("item", item(itemId), "quantity", new IntegerType(15))));
        Parameters value = ok(get("/" + clinic + "/$stock-valuation?item=Basic/" + itemId));
        Parameters.ParametersParameterComponent line = value.getParameters("item").get(0);
        // FIFO: V1's 10 and 5 of V2 went out: left are 5 at 1.30 and 3 at 0.3333 = 6.50 + 0.9999 = 7.50
        assertThat(part(line, "fifo")).isEqualTo("7.50");
        // weighted average: 23.9999 for 23 units; 15 leave at the average: 8 × 23.9999 / 23 = 8.3478 = 8.35
        assertThat(part(line, "weightedAverage")).isEqualTo("8.35");
        assertThat(part(line, "units")).isEqualTo("8");
    }

    @Test
    void stockOtherSoftwareWritesIsReconciledByAnAdjustmentNotRefused() {
        int row = jdbc.queryForObject("""
                INSERT INTO inventory_items (organization_id, item_code, name, unit_of_measurement, current_stock,
                                             unit_cost)
                VALUES (?, 'EMR-1', 'Plasters', 'box', 12, 1.50) RETURNING id""", Integer.class, organizationId);
        String itemId = Eventually.await(Duration.ofSeconds(30), () -> jdbc.queryForList(
                "SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND table_name = "
                        + "'inventory_items' AND row_id = ?", String.class, organizationId, row).stream().findFirst());
        assertThat(jdbc.queryForList("SELECT quantity || ' ' || movement_type FROM inventory_stock_movements WHERE "
                + "organization_id = ? AND item_id = ?", String.class, organizationId, row))
                .containsExactly("12 adjustment");
        jdbc.update("UPDATE inventory_items SET current_stock = 9, unit_cost = 1.75 WHERE id = ?", row);
        // a stock operation at once, before change capture has seen the new cost: it keeps it
        ok(operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity", new IntegerType(1),
                "reason", new StringType("Found one"))));
        ok(operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity", new IntegerType(-1),
                "reason", new StringType("Counted twice"))));
        assertThat(jdbc.queryForObject("SELECT unit_cost FROM inventory_items WHERE id = ?", BigDecimal.class, row))
                .isEqualByComparingTo("1.75");
        Eventually.await(Duration.ofSeconds(30), () -> jdbc.queryForList("SELECT id FROM inventory_stock_movements "
                + "WHERE organization_id = ? AND item_id = ? AND quantity = -3", Integer.class, organizationId, row)
                .stream().findFirst());
        Basic shown = fhir.read().resource(Basic.class).withId(itemId)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute();
        assertThat(InventoryItemMapper.stock(shown)).contains(9);
        assertThat(jdbc.queryForObject("SELECT created_by FROM inventory_stock_movements WHERE organization_id = ? "
                + "AND item_id = ? AND quantity = -3", Integer.class, organizationId, row))
                .isEqualTo(jdbc.queryForObject("SELECT id FROM users WHERE organization_id = ? AND username = "
                        + "'cura-system'", Integer.class, organizationId));
        assertLedgerAgrees(organizationId);
    }

    @Test
    void batchesAboutToExpireAreNotifiedOnce() {
        String itemId = newItem("VAX", "Influenza vaccine", 0);
        ok(operation(clinic, "$receive-stock", parameters("item", item(itemId), "batch", new StringType("FLU-9"),
                "expiry", new DateType(TODAY.plusDays(10).toString()), "quantity", new IntegerType(6))));
        int nurse = userId("nurse.jo");
        assertThat(expiryAlerts.run()).extracting(ExpiryAlerts.Alert::batchNumber).contains("FLU-9");
        assertThat(expiryAlerts.run()).extracting(ExpiryAlerts.Alert::batchNumber).doesNotContain("FLU-9");
        assertThat(notifications(nurse, "Influenza vaccine batch FLU-9 expires soon")).isOne();
        Parameters expiring = ok(get("/" + clinic + "/$expiring?days=14"));
        assertThat(expiring.getParameters("batch")).anySatisfy(b -> assertThat(part(b, "batch")).isEqualTo("FLU-9"));
    }

    @Test
    void anotherClinicSeesNoneOfTheStock() {
        String itemId = newItem("PRIV", "Private stock", 4);
        String other = newTenant("ledger-other");
        assertThat(getWithToken("/" + other + "/Basic/" + itemId, token(other)).statusCode()).isEqualTo(404);
        HttpResponse<String> adjust = http("POST", "/" + other + "/$adjust-stock", FHIR.newJsonParser()
                        .encodeResourceToString(parameters("item", item(itemId), "quantity", new IntegerType(-1),
                                "reason", new StringType("Probe"))), "application/fhir+json",
                "Authorization", "Bearer " + token(other));
        assertThat(adjust.statusCode()).isEqualTo(404);
        Parameters levels = FHIR.newJsonParser().parseResource(Parameters.class,
                getWithToken("/" + other + "/$stock-levels", token(other)).body());
        assertThat(levels.getParameter()).isEmpty();
        assertThat(stock(organizationId, itemId)).isEqualTo(4);
    }

    // --- helpers

    private String newItem(String code, String name, int stock) {
        return newItem(code, name, stock, 0);
    }

    private String newItem(String code, String name, int stock, int reorderLevel) {
        String itemId = itemId(ok(operation(clinic, "$receive-stock", parameters("itemCode", new StringType(code),
                "name", new StringType(name), "unit", new StringType("box"), "quantity", new IntegerType(1),
                "unitCost", gbp("1.00")))));
        Basic item = fhir.read().resource(Basic.class).withId(itemId).execute();
        item.getExtension().removeIf(e -> health.cura.conformance.CuraCanonical.REORDER_LEVEL_EXTENSION
                .equals(e.getUrl()));
        item.addExtension(health.cura.conformance.CuraCanonical.REORDER_LEVEL_EXTENSION,
                new IntegerType(reorderLevel));
        fhir.update().resource(item).execute();
        adjust(itemId, stock - 1 == 0 ? 0 : stock - 1);
        return itemId;
    }

    private void adjust(String itemId, int units) {
        if (units != 0) {
            ok(operation(clinic, "$adjust-stock", parameters("item", item(itemId), "quantity", new IntegerType(units),
                    "reason", new StringType("Test stock"))));
        }
    }

    private void receive(String itemId, String batch, String cost, int units) {
        ok(operation(clinic, "$receive-stock", parameters("item", item(itemId), "batch", new StringType(batch),
                "quantity", new IntegerType(units), "unitCost", gbp(cost))));
    }

    private Parameters countOf(String itemId, int units) {
        Parameters count = parameters("mode", new CodeType("count"));
        Parameters.ParametersParameterComponent line = count.addParameter().setName("count");
        line.addPart().setName("item").setValue(item(itemId));
        line.addPart().setName("quantity").setValue(new IntegerType(units));
        return count;
    }

    private static String part(Parameters.ParametersParameterComponent line, String name) {
        return line.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(p -> p.getValue() instanceof Money money ? money.getValue().toPlainString()
                        : p.getValue().primitiveValue()).orElse(null);
    }

    private List<String> reorders(String itemId) {
        return jdbc.queryForList("SELECT supply_request_id FROM cura_stock_reorders WHERE organization_id = ? "
                + "AND item_id = ?", String.class, organizationId, rowId(organizationId, "Basic", itemId));
    }

    private int userId(String username) {
        return jdbc.queryForObject("SELECT id FROM users WHERE organization_id = ? AND username = ?", Integer.class,
                organizationId, username);
    }

    private int notifications(int user, String title) {
        return jdbc.queryForObject("SELECT count(*) FROM notifications WHERE organization_id = ? AND user_id = ? "
                + "AND title = ?", Integer.class, organizationId, user, title);
    }

    private IdType prescription(Integer quantity) {
        MedicationRequest request = ClinicalShapes.prescription(patient, prescriber);
        if (quantity != null) {
            request.getDispenseRequest().getQuantity().setValue(quantity);
        }
        return create(fhir, request);
    }

    private static Reference item(String itemId) {
        return new Reference("Basic/" + itemId);
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }
}
