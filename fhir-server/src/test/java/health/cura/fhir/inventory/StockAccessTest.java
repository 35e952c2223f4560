package health.cura.fhir.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ClinicalShapes;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may move stock, signed in as the clinic's staff with their default roles. Dispensing needs prescriptions edit
 * and inventory create: an administrator has both and her movements name her; a nurse records stock but only views
 * prescriptions, and a doctor edits prescriptions but only views inventory, so neither dispenses (a clinic gives its
 * dispensing nurses a role with both); a receptionist does not see the stock at all; a backend service's movements
 * name the clinic's system user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockAccessTest extends StockSupport {

    private static final String PASSWORD = "dispensary 2026";

    private String clinic;
    private int organizationId;
    private String itemId;
    private IdType prescription;

    @BeforeAll
    void clinicWithStockAndStaff() {
        clinic = newTenant("dispensary");
        organizationId = organizationId(clinic);
        IGenericClient fhir = client(clinic);
        Reference patient = new Reference(createPatient(fhir, "Franklin").toUnqualifiedVersionless());
        Reference prescriber = new Reference(createPractitioner(fhir, "Anderson").toUnqualifiedVersionless());
        prescription = create(fhir, ClinicalShapes.prescription(patient, prescriber));
        itemId = itemId(ok(operation(clinic, "$receive-stock", parameters("itemCode", new StringType("AMX"),
                "name", new StringType("Amoxicillin 250 mg"), "unit", new StringType("pack"), "quantity",
                new IntegerType(30), "unitCost", new Money().setValue(new BigDecimal("1.95")).setCurrency("GBP"),
                "transactionId", new StringType("opening-delivery")))));
        staffMember(clinic, "admin.kay", PASSWORD, "admin");
        staffMember(clinic, "nurse.ann", PASSWORD, "nurse");
        staffMember(clinic, "dr.li", PASSWORD, "doctor");
        staffMember(clinic, "desk.sam", PASSWORD, "receptionist");
    }

    @Test
    void anAdministratorDispensesAndHerMovementNamesHer() {
        String token = staffToken(clinic, "admin.kay", PASSWORD);
        HttpResponse<String> dispensed = asStaff(token, "MedicationRequest/" + prescription.getIdPart()
                + "/$dispense", parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(2)));
        assertThat(dispensed.statusCode()).as(dispensed.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                SELECT u.username FROM inventory_stock_movements m JOIN users u ON u.id = m.created_by
                WHERE m.organization_id = ? AND m.movement_type = 'sale' ORDER BY m.id DESC LIMIT 1""", String.class,
                organizationId)).isEqualTo("admin.kay");
    }

    @Test
    void aNurseRecordsStockButDoesNotDispenseWithoutPrescriptionsEdit() {
        String token = staffToken(clinic, "nurse.ann", PASSWORD);
        assertThat(asStaff(token, "$adjust-stock", parameters("item", new Reference("Basic/" + itemId), "quantity",
                new IntegerType(1), "reason", new StringType("Found a pack"))).statusCode()).isEqualTo(200);
        int before = stock(organizationId, itemId);
        HttpResponse<String> dispense = asStaff(token, "MedicationRequest/" + prescription.getIdPart()
                + "/$dispense", parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(1)));
        assertThat(dispense.statusCode()).isEqualTo(403);
        assertThat(diagnostics(dispense.body())).contains("prescriptions");
        assertThat(stock(organizationId, itemId)).isEqualTo(before);
    }

    @Test
    void aDoctorWhoOnlyViewsInventoryMayNotDispenseOrCountButSeesTheLevels() {
        String token = staffToken(clinic, "dr.li", PASSWORD);
        int before = stock(organizationId, itemId);
        HttpResponse<String> dispense = asStaff(token, "MedicationRequest/" + prescription.getIdPart()
                + "/$dispense", parameters("item", new Reference("Basic/" + itemId), "quantity", new IntegerType(1)));
        assertThat(dispense.statusCode()).isEqualTo(403);
        assertThat(diagnostics(dispense.body())).contains("inventory");
        Parameters count = parameters("mode", new CodeType("count"));
        Parameters.ParametersParameterComponent line = count.addParameter().setName("count");
        line.addPart().setName("item").setValue(new Reference("Basic/" + itemId));
        line.addPart().setName("quantity").setValue(new IntegerType(3));
        assertThat(asStaff(token, "$stock-take", count).statusCode()).isEqualTo(403);
        assertThat(stock(organizationId, itemId)).isEqualTo(before);
        assertThat(getWithToken("/" + clinic + "/$stock-levels", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aReceptionistDoesNotSeeTheStock() {
        String token = staffToken(clinic, "desk.sam", PASSWORD);
        assertThat(getWithToken("/" + clinic + "/$stock-levels", token).statusCode()).isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Basic/" + itemId, token).statusCode()).isEqualTo(403);
    }

    @Test
    void aBackendServicesMovementIsRecordedByTheClinicsSystemUser() {
        assertThat(jdbc.queryForObject("""
                SELECT u.username || ' ' || u.is_active FROM inventory_stock_movements m
                JOIN users u ON u.id = m.created_by
                WHERE m.organization_id = ? AND m.movement_type = 'purchase' ORDER BY m.id LIMIT 1""", String.class,
                organizationId)).isEqualTo("cura-system false");
    }

    private HttpResponse<String> asStaff(String token, String path, Parameters parameters) {
        return http("POST", "/" + clinic + "/" + path, FHIR.newJsonParser().encodeResourceToString(parameters),
                "application/fhir+json", "Authorization", "Bearer " + token);
    }
}
