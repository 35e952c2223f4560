package health.cura.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inventory scenarios (issue 22), Cura's own: {@code MedicationRequest/{id}/$dispense} of one unit, on one hot item
 * (every dispense waits for the one before on the item's row) and on many items (200, picked at random, so that
 * dispenses rarely meet). Each dispense locks the item, picks its batch first expiry first, appends the movement,
 * sets the prescription's dispensed time, writes the MedicationDispense and the item's new stock.
 */
public final class InventoryScenarios {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([A-Za-z]+/[^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final FhirHttp fhir;
    private final BenchTenant tenant;
    private final List<String> items = new ArrayList<>();
    private final List<String> prescriptions = new ArrayList<>();

    public InventoryScenarios(FhirHttp fhir, BenchTenant tenant) {
        this.fhir = fhir;
        this.tenant = tenant;
    }

    /** {@code itemCount} items with stock enough for every dispense of a run, and 50 active prescriptions. */
    public void prepare(int itemCount) throws Exception {
        for (int i = 0; i < itemCount; i++) {
            String answer = fhir.post("/" + tenant.name + "/$receive-stock", """
                    {"resourceType":"Parameters","parameter":[{"name":"itemCode","valueString":"BENCH-%1$d"},\
                    {"name":"name","valueString":"Bench item %1$d"},{"name":"unit","valueString":"pack"},\
                    {"name":"batch","valueString":"B%1$d"},{"name":"expiry","valueDate":"2099-12-31"},\
                    {"name":"quantity","valueInteger":10000000},\
                    {"name":"unitCost","valueMoney":{"value":1.25,"currency":"GBP"}}]}""".formatted(i));
            Matcher item = REFERENCE.matcher(answer);
            if (!item.find()) {
                throw new IllegalStateException("No item in " + answer);
            }
            items.add(item.group(1));
        }
        for (int i = 0; i < 50; i++) {
            String patient = tenant.patientIds.get(i % tenant.patientIds.size());
            Matcher id = ID.matcher(fhir.post("/" + tenant.name + "/MedicationRequest", """
                    {"resourceType":"MedicationRequest","status":"active","intent":"order",\
                    "medicationCodeableConcept":{"text":"Bench medicine"},"subject":{"reference":"Patient/%s"},\
                    "requester":{"reference":"Practitioner/%s"},"authoredOn":"2026-12-01T09:00:00Z",\
                    "dosageInstruction":[{"text":"As directed"}],"substitution":{"allowedBoolean":true}}""".formatted(patient, tenant.practitionerId)));
            if (!id.find()) {
                throw new IllegalStateException("No prescription made");
            }
            prescriptions.add(id.group(1));
        }
    }

    public Operation dispenseHotItem() {
        return (client, iteration) -> dispense(items.get(0));
    }

    public Operation dispenseManyItems() {
        return (client, iteration) -> dispense(items.get(ThreadLocalRandom.current().nextInt(items.size())));
    }

    private void dispense(String item) throws Exception {
        String prescription = prescriptions.get(ThreadLocalRandom.current().nextInt(prescriptions.size()));
        fhir.post("/" + tenant.name + "/MedicationRequest/" + prescription + "/$dispense", """
                {"resourceType":"Parameters","parameter":[{"name":"item","valueReference":{"reference":"%s"}},\
                {"name":"quantity","valueInteger":1}]}""".formatted(item));
    }
}
