package health.cura.fhir.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;

/**
 * A clinic held to its plan on every write path: the n-th patient or user allowed and the n+1-th refused with 402
 * (one at a time, in a transaction, and racing for the last slot), rows other software writes counted, a feature
 * outside the plan refused with 403, the month's API calls with 429; {@code $usage} says where the clinic stands.
 */
class PlanLimitsTest extends ServerTest {

    private HttpResponse<String> platform(String operation, Parameters in) {
        return http("POST", "/DEFAULT/" + operation, FHIR.newJsonParser().encodeResourceToString(in),
                "application/fhir+json", "Authorization", "Bearer " + token("DEFAULT"));
    }

    /** A new clinic on a new package with these features; the package's name. */
    private String clinicOnPlan(String clinic, String features) {
        String name = "Plan " + UUID.randomUUID();
        HttpResponse<String> created = platform("$create-package", new Parameters().addParameter("name", name)
                .addParameter("price", new Money().setValue(new BigDecimal("49.00")).setCurrency("GBP"))
                .addParameter("billingCycle", new CodeType("monthly")).addParameter("features", features));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String packageId = FHIR.newJsonParser().parseResource(Parameters.class, created.body())
                .getParameter("packageId").getValue().primitiveValue();
        HttpResponse<String> subscribed = platform("$subscribe", new Parameters().addParameter("tenant", clinic)
                .addParameter("packageId", packageId));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        return name;
    }

    private HttpResponse<String> postPatient(String clinic, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        return http("POST", "/" + clinic + "/Patient", FHIR.newJsonParser().encodeResourceToString(patient),
                "application/fhir+json");
    }

    private int patientRows(String clinic) {
        return jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ?", Integer.class,
                organizationId(clinic));
    }

    private Parameters usage(String clinic) {
        HttpResponse<String> answer = http("GET", "/DEFAULT/$usage?tenant=" + clinic, null, null,
                "Authorization", "Bearer " + token("DEFAULT"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, answer.body());
    }

    private static String part(Parameters usage, String measure, String part) {
        return usage.getParameter(measure).getPart().stream().filter(p -> p.getName().equals(part)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private static Bundle transactionOfPatients(int count) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < count; i++) {
            Patient patient = new Patient();
            patient.addName().setFamily("InBundle" + i);
            transaction.addEntry().setResource(patient).setFullUrl("urn:uuid:" + UUID.randomUUID()).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }
        return transaction;
    }

    @Test
    void theLastPatientOfThePlanIsAllowedTheNextRefusedAndOtherSoftwaresRowsCount() {
        String clinic = newTenant("limit-patients");
        String plan = clinicOnPlan(clinic, "{\"maxPatients\": 3, \"aiEnabled\": false}");
        jdbc.update("INSERT INTO patients (organization_id, patient_id, first_name, last_name) VALUES (?, ?, ?, ?)",
                organizationId(clinic), "EMR-1", "Ada", "Written-Elsewhere");
        Parameters before = usage(clinic);
        assertThat(part(before, "patients", "used")).isEqualTo("1");
        assertThat(part(before, "patients", "limit")).isEqualTo("3");
        assertThat(part(before, "patients", "feature")).isEqualTo("maxPatients");
        assertThat(before.getParameter("plan").getValue().primitiveValue()).isEqualTo(plan);

        assertThat(postPatient(clinic, "Second").statusCode()).isEqualTo(201);
        assertThat(postPatient(clinic, "Third").statusCode()).as("the third: the last of the plan").isEqualTo(201);
        HttpResponse<String> fourth = postPatient(clinic, "Fourth");
        assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(402);
        assertThat(diagnostics(fourth.body())).contains("maxPatients", "3", plan);
        assertThat(patientRows(clinic)).isEqualTo(3);
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, get("/" + clinic + "/Patient?family=Fourth")
                .body()).getEntry()).isEmpty();

        // a patient made inactive frees a slot, and the clinic's other software is counted as it writes
        jdbc.update("UPDATE patients SET is_active = false WHERE organization_id = ? AND patient_id = 'EMR-1'",
                organizationId(clinic));
        assertThat(part(usage(clinic), "patients", "used")).isEqualTo("2");
        assertThat(postPatient(clinic, "Fourth again").statusCode()).isEqualTo(201);
        assertThat(part(usage(clinic), "patients", "used")).isEqualTo("3");
    }

    @Test
    void aTransactionOverTheLimitFailsAsAWholeWithTheEntrysStatus() {
        String clinic = newTenant("limit-bundle");
        clinicOnPlan(clinic, "{\"maxPatients\": 2}");
        HttpResponse<String> over = http("POST", "/" + clinic, FHIR.newJsonParser()
                .encodeResourceToString(transactionOfPatients(3)), "application/fhir+json");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(402);
        assertThat(diagnostics(over.body())).contains("maxPatients");
        assertThat(patientRows(clinic)).as("nothing of it stored").isZero();
        assertThat(part(usage(clinic), "patients", "used")).isEqualTo("0");

        HttpResponse<String> fits = http("POST", "/" + clinic, FHIR.newJsonParser()
                .encodeResourceToString(transactionOfPatients(2)), "application/fhir+json");
        assertThat(fits.statusCode()).as(fits.body()).isEqualTo(200);
        assertThat(patientRows(clinic)).isEqualTo(2);
        Bundle batch = transactionOfPatients(1).setType(Bundle.BundleType.BATCH);
        HttpResponse<String> inBatch = http("POST", "/" + clinic, FHIR.newJsonParser().encodeResourceToString(batch),
                "application/fhir+json");
        assertThat(inBatch.statusCode()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, inBatch.body()).getEntryFirstRep().getResponse()
                .getStatus()).startsWith("402");
        assertThat(patientRows(clinic)).isEqualTo(2);
    }

    @Test
    void twentyCreatesRacingForTheLastSlotGiveItToExactlyOne() throws Exception {
        String clinic = newTenant("limit-race");
        clinicOnPlan(clinic, "{\"maxPatients\": 1}");
        token(clinic);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return postPatient(clinic, "Racer" + n).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 402).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(patientRows(clinic)).isEqualTo(1);
        assertThat(part(usage(clinic), "patients", "used")).isEqualTo("1");
    }

    @Test
    void staffAccountsAreHeldToMaxUsers() {
        String clinic = newTenant("limit-users");
        int existing = jdbc.queryForObject("SELECT count(*) FROM users WHERE organization_id = ? AND is_active "
                + "AND role <> 'patient'", Integer.class, organizationId(clinic));
        String plan = clinicOnPlan(clinic, "{\"maxUsers\": " + (existing + 1) + "}");
        assertThat(part(usage(clinic), "users", "used")).isEqualTo(Integer.toString(existing));
        createPractitioner(client(clinic), "Allowed");
        Practitioner over = new Practitioner();
        over.addName().setFamily("OneTooMany");
        HttpResponse<String> refused = http("POST", "/" + clinic + "/Practitioner", FHIR.newJsonParser()
                .encodeResourceToString(over), "application/fhir+json");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        assertThat(diagnostics(refused.body())).contains("maxUsers", plan);
        Practitioner inactive = new Practitioner().setActive(false);
        inactive.addName().setFamily("Retired");
        assertThat(http("POST", "/" + clinic + "/Practitioner", FHIR.newJsonParser().encodeResourceToString(inactive),
                "application/fhir+json").statusCode()).as("an inactive record takes no seat").isEqualTo(201);
    }

    @Test
    void storedBytesAreCountedAndHeldToStorageGb() {
        String clinic = newTenant("limit-storage");
        Binary binary = new Binary().setContentType("application/pdf").setData(new byte[1500]);
        HttpResponse<String> stored = http("POST", "/" + clinic + "/Binary", FHIR.newJsonParser()
                .encodeResourceToString(binary), "application/fhir+json");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(new BigDecimal(part(usage(clinic), "storage", "usedBytes"))).isEqualByComparingTo("1500");
        String id = stored.headers().firstValue("Location").orElseThrow().replaceAll(".*/Binary/([^/]+)/.*", "$1");
        assertThat(http("DELETE", "/" + clinic + "/Binary/" + id, null, null).statusCode()).isIn(200, 204);
        assertThat(new BigDecimal(part(usage(clinic), "storage", "usedBytes"))).isEqualByComparingTo("0");

        clinicOnPlan(clinic, "{\"storageGB\": 0}");
        HttpResponse<String> over = http("POST", "/" + clinic + "/Binary", FHIR.newJsonParser()
                .encodeResourceToString(binary), "application/fhir+json");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(402);
        assertThat(diagnostics(over.body())).contains("storageGB");
        assertThat(postPatient(clinic, "NoFiles").statusCode()).as("a record without files").isEqualTo(201);
    }

    @Test
    void billingOutsideThePlanIsForbiddenNamingTheFeature() {
        String clinic = newTenant("limit-billing");
        // an invoice from before the clinic's plan left billing out
        String patient = createPatient(client(clinic), "Invoiced").getIdPart();
        org.hl7.fhir.r4.model.Invoice invoice = new org.hl7.fhir.r4.model.Invoice()
                .setStatus(org.hl7.fhir.r4.model.Invoice.InvoiceStatus.ISSUED);
        invoice.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
        invoice.setDateElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T10:00:00Z"));
        Money price = new Money().setValue(new BigDecimal("40.00")).setCurrency("GBP");
        var item = invoice.addLineItem().setSequence(1);
        item.getChargeItemCodeableConcept().setText("Consultation");
        item.addExtension(health.cura.conformance.CuraCanonical.UNIT_PRICE_EXTENSION, price);
        item.addPriceComponent().setType(org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType.BASE)
                .setFactor(BigDecimal.ONE).setAmount(price.copy());
        HttpResponse<String> made = http("POST", "/" + clinic + "/Invoice", FHIR.newJsonParser()
                .encodeResourceToString(invoice), "application/fhir+json");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        clinicOnPlan(clinic, "{\"billingEnabled\": false}");
        HttpResponse<String> invoices = get("/" + clinic + "/Invoice");
        assertThat(invoices.statusCode()).as(invoices.body()).isEqualTo(403);
        assertThat(diagnostics(invoices.body())).contains("billingEnabled");
        HttpResponse<String> report = get("/" + clinic + "/$aged-debt");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(403);
        assertThat(diagnostics(report.body())).contains("billingEnabled");
        assertThat(postPatient(clinic, "StillCared").statusCode()).isEqualTo(201);
        assertThat(get("/" + clinic + "/Coverage").statusCode()).as("insurance is registration").isEqualTo(200);
        assertThat(get("/" + clinic + "/Patient?_revinclude=Invoice:subject").statusCode()).isEqualTo(403);
        assertThat(get("/" + clinic + "/Patient?_has:Invoice:subject:status=issued").statusCode()).isEqualTo(403);
        assertThat(get("/" + clinic + "/Patient?_revinclude=Observation:subject").statusCode()).isEqualTo(200);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Invoice");
        HttpResponse<String> inBatch = http("POST", "/" + clinic, FHIR.newJsonParser().encodeResourceToString(batch),
                "application/fhir+json");
        assertThat(inBatch.statusCode()).as(inBatch.body()).isEqualTo(200);
        assertThat(inBatch.body()).as("a search of invoices in a batch").doesNotContain("\"Invoice\"");
        HttpResponse<String> everything = get("/" + clinic + "/Patient/" + patient + "/$everything");
        assertThat(everything.statusCode()).as(everything.body()).isEqualTo(200);
        assertThat(everything.body()).as("the patient's record, without billing").contains("\"Patient\"")
                .doesNotContain("\"Invoice\"");
    }

    @Test
    void theMonthsApiCallsAreCountedAndOnceSpentRefusedWith429() {
        String clinic = newTenant("limit-calls");
        String token = token(clinic);
        clinicOnPlan(clinic, "{\"apiCallsPerMonth\": 3}");
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = getWithToken("/" + clinic + "/Patient?_count=1", token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(policy ->
                    assertThat(policy).startsWith("\"month\";q=3;w="));
            left.add(answer.headers().firstValue("RateLimit").orElseThrow().replaceAll(".*;r=(\\d+);.*", "$1"));
        }
        assertThat(left).containsExactly("2", "1", "0");
        HttpResponse<String> spent = getWithToken("/" + clinic + "/Patient?_count=1", token);
        assertThat(spent.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(spent.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(diagnostics(spent.body())).contains("apiCallsPerMonth");
        Parameters usage = usage(clinic);
        assertThat(part(usage, "apiCalls", "used")).as("the platform's calls are not the clinic's").isEqualTo("3");
        assertThat(part(usage, "apiCalls", "limit")).isEqualTo("3");
    }

    @Test
    void concurrentCallsAtTheEndOfTheQuotaGetExactlyWhatIsLeft() throws Exception {
        String clinic = newTenant("limit-calls-race");
        String token = token(clinic);
        clinicOnPlan(clinic, "{\"apiCallsPerMonth\": 5}");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return getWithToken("/" + clinic + "/Patient?_count=1", token).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(5);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usageIsForTheClinicsAdministratorsAndThePlatform() {
        String clinic = newTenant("usage-access");
        HttpResponse<String> own = get("/" + clinic + "/$usage");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, own.body());
        assertThat(answer.getParameter("plan")).as("no subscription: no plan").isNull();
        assertThat(part(answer, "patients", "limit")).as("unlimited").isNull();
        staffMember(clinic, "reception.usage", "Reception-Pass-1", "receptionist");
        assertThat(getWithToken("/" + clinic + "/$usage", staffToken(clinic, "reception.usage",
                "Reception-Pass-1")).statusCode()).isEqualTo(403);
        assertThat(http("GET", "/DEFAULT/$usage", null, null, "Authorization", "Bearer " + token("DEFAULT"))
                .statusCode()).isEqualTo(400);
        assertThat(http("GET", "/DEFAULT/$usage?tenant=no-such-clinic", null, null, "Authorization",
                "Bearer " + token("DEFAULT")).statusCode()).isEqualTo(404);
        assertThat(http("GET", "/DEFAULT/$usage?tenant=" + clinic, null, null, "Authorization",
                "Bearer " + token(clinic)).statusCode()).isIn(401, 403);
    }
}
