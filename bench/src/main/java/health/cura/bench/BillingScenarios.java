package health.cura.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The billing scenarios (issue 20): a plain FHIR Invoice create (which plain HAPI runs too), a payment of an issued
 * invoice ({@code $record-payment}: the invoice's row locked, its balance checked, the payment, the invoice and the
 * revenue rows written together), and the invoice of a visit ({@code $generate-invoice} on an appointment booked
 * just before it, priced from the clinic's price list). The last two are Cura's own.
 */
public final class BillingScenarios {

    private static final String APPOINTMENT_TYPE = "https://fhir.cura.health/CodeSystem/appointment-type";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final FhirHttp fhir;
    private final BenchTenant tenant;
    private final List<String> issued = new ArrayList<>();

    public BillingScenarios(FhirHttp fhir, BenchTenant tenant) {
        this.fhir = fhir;
        this.tenant = tenant;
    }

    /**
     * The clinic's price list (a consultation, exempt from VAT) and {@code invoices} issued invoices large enough to
     * take every payment of a run, one pound each, spread over them so that payments of one invoice rarely meet.
     */
    public void prepare(int invoices) throws Exception {
        fhir.post("/" + tenant.name + "/ChargeItemDefinition", """
                {"resourceType":"ChargeItemDefinition","url":"https://bench.example/price/%1$s/CONS",\
                "status":"active","title":"Consultation","code":{"coding":[\
                {"system":"https://fhir.cura.health/CodeSystem/price-list/%1$s","code":"CONS","display":"Consultation"},\
                {"system":"%2$s","code":"consultation"}]},"propertyGroup":[{"priceComponent":[\
                {"type":"base","amount":{"value":80.00,"currency":"GBP"}},\
                {"type":"tax","code":{"coding":[{"system":"https://fhir.cura.health/CodeSystem/vat-category",\
                "code":"exempt"}]}}]}]}""".formatted(tenant.name, APPOINTMENT_TYPE));
        for (int i = 0; i < invoices; i++) {
            String id = idOf(fhir.post("/" + tenant.name + "/Invoice", invoice(randomPatient(), "1000000.00")));
            fhir.post("/" + tenant.name + "/Invoice/" + id + "/$issue", "{\"resourceType\":\"Parameters\"}");
            issued.add(id);
        }
    }

    public Operation createInvoice() {
        return (client, iteration) -> fhir.post("/" + tenant.name + "/Invoice", invoice(randomPatient(), "80.00"));
    }

    public Operation recordPayment() {
        return (client, iteration) -> fhir.post("/" + tenant.name + "/Invoice/"
                + issued.get(ThreadLocalRandom.current().nextInt(issued.size())) + "/$record-payment", """
                {"resourceType":"Parameters","parameter":[{"name":"amount","valueMoney":{"value":1.00,\
                "currency":"GBP"}},{"name":"method","valueCode":"card"}]}""");
    }

    /** Two requests: the appointment is booked, then invoiced. */
    public Operation generateInvoice() {
        return (client, iteration) -> {
            String appointment = tenant.appointment(randomPatient(), iteration).replaceFirst("\\{",
                    "{\"appointmentType\":{\"coding\":[{\"system\":\"" + APPOINTMENT_TYPE
                            + "\",\"code\":\"consultation\"}]},");
            String id = idOf(fhir.post("/" + tenant.name + "/Appointment", appointment));
            fhir.post("/" + tenant.name + "/Appointment/" + id + "/$generate-invoice",
                    "{\"resourceType\":\"Parameters\"}");
        };
    }

    private String randomPatient() {
        return tenant.patientIds.get(ThreadLocalRandom.current().nextInt(tenant.patientIds.size()));
    }

    private static String invoice(String patientId, String amount) {
        return """
                {"resourceType":"Invoice","status":"draft","subject":{"reference":"Patient/%s"},\
                "lineItem":[{"sequence":1,"extension":[{"url":"https://fhir.cura.health/StructureDefinition/unit-price",\
                "valueMoney":{"value":%2$s,"currency":"GBP"}}],"chargeItemCodeableConcept":{"text":"Consultation"},\
                "priceComponent":[{"type":"base","factor":1,"amount":{"value":%2$s,"currency":"GBP"}}]}]}"""
                .formatted(patientId, amount);
    }

    private static String idOf(String resource) {
        Matcher matcher = ID.matcher(resource);
        if (!matcher.find()) {
            throw new IllegalStateException("No id in " + resource.substring(0, Math.min(200, resource.length())));
        }
        return matcher.group(1);
    }
}
