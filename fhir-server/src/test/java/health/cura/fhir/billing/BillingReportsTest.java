package health.cura.fhir.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.Eventually;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a clinic's back office reads and is told: aged debt by band, revenue by category, source, method and
 * practitioner, invoices marked overdue with one notification per member of staff who sees billing, and a doctor
 * (billing view only) who reads the reports but records no payment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingReportsTest extends ServerTest {

    private static final String PASSWORD = "counting house 2026";

    @Autowired
    private OverdueInvoices overdue;

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private IdType doctor;
    private String patientId;
    private final Map<String, IdType> invoices = new LinkedHashMap<>();

    @BeforeAll
    void clinicWithInvoicesOfEveryAge() {
        clinic = newTenant("reports");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        staffMember(clinic, "boss", PASSWORD, "admin");
        staffMember(clinic, "dr.quinn", PASSWORD, "doctor");
        staffMember(clinic, "nurse.joy", PASSWORD, "nurse");
        doctor = new IdType("Practitioner", fhir.search().forResource(org.hl7.fhir.r4.model.Practitioner.class)
                .where(org.hl7.fhir.r4.model.Practitioner.FAMILY.matches().value("dr.quinn"))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource()
                .getIdElement().getIdPart());
        IdType patient = createPatient(fhir, "Pankhurst");
        patientId = patient.getIdPart();

        invoices.put("A", create(fhir, issued(patient, 10, line("Consultation", "100.00", null))));
        Invoice b = issued(patient, 45, line("Minor surgery", "150.00", "procedure"), line("Histology", "50.00", "lab"));
        b.addParticipant().setActor(new Reference(doctor));
        invoices.put("B", create(fhir, b));
        invoices.put("C", create(fhir, issued(patient, 100, line("Dressing", "50.00", null))));
        invoices.put("D", create(fhir, issued(patient, 200, line("Report", "30.00", null))));
        Invoice draft = issued(patient, 300, line("Not yet sent", "999.00", null));
        draft.setStatus(Invoice.InvoiceStatus.DRAFT);
        create(fhir, draft);

        assertThat(pay("A", "40.00", "card").statusCode()).isEqualTo(200);
        assertThat(operation("Invoice/" + invoices.get("A").getIdPart() + "/$refund", parameters(
                "amount", gbp("10.00"), "reason", new StringType("Goodwill"))).statusCode()).isEqualTo(200);
        assertThat(pay("B", "100.00", "bank_transfer").statusCode()).isEqualTo(200);
    }

    @Test
    void agedDebtShowsWhatIsOwedByHowLongItIsOverdue() {
        HttpResponse<String> response = get("/" + clinic + "/$aged-debt");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters debt = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(money(debt.getParameter("total").getValue())).isEqualByComparingTo("250.00");
        assertThat(debt.getParameterValue("invoices").primitiveValue()).isEqualTo("4");
        Map<String, String> bands = new LinkedHashMap<>();
        debt.getParameters("band").forEach(band -> bands.put(part(band, "name").primitiveValue(),
                money(part(band, "amount")).toPlainString() + " in " + part(band, "invoices").primitiveValue()));
        assertThat(bands).containsExactly(Map.entry("current", "70.00 in 1"), Map.entry("1-30", "100.00 in 1"),
                Map.entry("31-60", "0.00 in 0"), Map.entry("61-90", "50.00 in 1"), Map.entry("90+", "30.00 in 1"));

        LocalDate inAMonth = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        Parameters ahead = FHIR.newJsonParser().parseResource(Parameters.class,
                get("/" + clinic + "/$aged-debt?asOf=" + inAMonth).body());
        Map<String, String> then = new LinkedHashMap<>();
        ahead.getParameters("band").forEach(band -> then.put(part(band, "name").primitiveValue(),
                money(part(band, "amount")).toPlainString()));
        assertThat(then).as("in a month A is overdue too, and every other invoice a month older")
                .containsEntry("current", "0.00").containsEntry("1-30", "70.00").containsEntry("31-60", "100.00")
                .containsEntry("90+", "80.00");
        assertThat(get("/" + clinic + "/$aged-debt?asOf=" + LocalDate.now(ZoneOffset.UTC).minusDays(1))
                .statusCode()).as("the past is not kept").isEqualTo(400);
        assertThat(get("/" + clinic + "/$aged-debt?asOf=2026-11").statusCode()).isEqualTo(400);
        String stranger = newTenant("reports-other");
        assertThat(getWithToken("/" + clinic + "/$aged-debt", token(stranger)).statusCode()).isEqualTo(403);
        Parameters theirs = FHIR.newJsonParser().parseResource(Parameters.class,
                get("/" + stranger + "/$aged-debt").body());
        assertThat(money(theirs.getParameter("total").getValue())).as("another clinic owes nothing of this one's")
                .isEqualByComparingTo("0");
    }

    @Test
    void revenueIsSummedByCategorySourceMethodAndPractitioner() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> response = get("/" + clinic + "/$revenue-summary?start=" + today + "&end=" + today);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters revenue = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(money(revenue.getParameter("total").getValue())).isEqualByComparingTo("130.00");
        assertThat(groups(revenue, "byCategory")).containsExactly(Map.entry("lab", "25.00"),
                Map.entry("other", "30.00"), Map.entry("procedure", "75.00"));
        assertThat(groups(revenue, "byPaymentMethod")).containsExactly(Map.entry("bank_transfer", "100.00"),
                Map.entry("card", "30.00"));
        assertThat(groups(revenue, "bySource")).containsExactly(Map.entry("other", "130.00"));
        Map<String, String> byPractitioner = new LinkedHashMap<>();
        revenue.getParameters("byPractitioner").forEach(group -> byPractitioner.put(
                group.getPart().stream().filter(p -> p.getName().equals("practitioner")).findFirst()
                        .map(p -> ((Reference) p.getValue()).getReference()).orElse("none"),
                money(part(group, "amount")).toPlainString()));
        assertThat(byPractitioner).containsOnly(Map.entry("none", "30.00"),
                Map.entry("Practitioner/" + doctor.getIdPart(), "100.00"));

        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Parameters before = FHIR.newJsonParser().parseResource(Parameters.class,
                get("/" + clinic + "/$revenue-summary?start=" + yesterday + "&end=" + yesterday).body());
        assertThat(money(before.getParameter("total").getValue())).isEqualByComparingTo("0");
        assertThat(get("/" + clinic + "/$revenue-summary?start=" + today + "&end=" + yesterday).statusCode())
                .isEqualTo(400);
    }

    @Test
    void overdueInvoicesAreMarkedOnceAndBillingStaffToldOnce() {
        overdue.run();
        overdue.run();
        assertThat(statusOf("A")).isEqualTo("sent");
        assertThat(statusOf("B")).isEqualTo("overdue");
        assertThat(statusOf("C")).isEqualTo("overdue");
        assertThat(statusOf("D")).isEqualTo("overdue");
        List<Map<String, Object>> told = jdbc.queryForList("""
                SELECT u.username, n.title, n.metadata ->> 'amountDue' AS due FROM notifications n
                JOIN users u ON u.id = n.user_id WHERE n.organization_id = ? AND n.type = 'billing'
                ORDER BY u.username, n.title""", organizationId);
        assertThat(told).extracting(row -> row.get("username")).contains("boss", "dr.quinn").doesNotContain("nurse.joy");
        assertThat(told.stream().filter(row -> "boss".equals(row.get("username"))).map(row -> row.get("title")))
                .containsExactlyInAnyOrder("Invoice " + numberOf("B") + " is overdue",
                        "Invoice " + numberOf("C") + " is overdue", "Invoice " + numberOf("D") + " is overdue");
        assertThat(told).filteredOn(row -> ("Invoice " + numberOf("B") + " is overdue").equals(row.get("title"))
                && "boss".equals(row.get("username"))).extracting(row -> row.get("due")).containsExactly("100.00");

        Invoice b = Eventually.await(() -> java.util.Optional.of(fhir.read().resource(Invoice.class)
                .withId(invoices.get("B")).execute()).filter(invoice -> invoice.getStatusElement()
                .getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION) != null));
        assertThat(((Coding) b.getStatusElement().getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION).getValue())
                .getCode()).isEqualTo("overdue");
        assertThat(b.getStatus()).isEqualTo(Invoice.InvoiceStatus.ISSUED);
    }

    @Test
    void aDoctorReadsTheReportsButRecordsNoPayment() {
        String token = signIn("dr.quinn");
        assertThat(getWithToken("/" + clinic + "/$aged-debt", token).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Invoice/" + invoices.get("C").getIdPart(), token).statusCode())
                .isEqualTo(200);
        int before = jdbc.queryForObject("SELECT count(*) FROM payments WHERE organization_id = ?", Integer.class,
                organizationId);
        HttpResponse<String> refused = http("POST", "/" + clinic + "/Invoice/" + invoices.get("C").getIdPart()
                        + "/$record-payment", json(parameters("amount", gbp("5.00"), "method", new CodeType("cash"))),
                "application/fhir+json", "Authorization", "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(diagnostics(refused.body())).contains("billing");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE organization_id = ?", Integer.class,
                organizationId)).isEqualTo(before);
    }

    @Test
    void anInvoiceRecordsWhichMemberOfStaffMadeIt() {
        String token = signIn("boss");
        HttpResponse<String> made = http("POST", "/" + clinic + "/Invoice", FHIR.newJsonParser()
                        .encodeResourceToString(issued(new IdType("Patient", patientId), 1, line("Review", "20.00", null))),
                "application/fhir+json", "Authorization", "Bearer " + token);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = FHIR.newJsonParser().parseResource(Invoice.class, made.body()).getIdElement().getIdPart();
        assertThat(linkedRow(organizationId, "invoices", "Invoice", id).get("created_by")).isEqualTo(
                jdbc.queryForObject("SELECT id FROM users WHERE organization_id = ? AND username = 'boss'",
                        Integer.class, organizationId));
        assertThat(linkedRow(organizationId, "invoices", "Invoice", invoices.get("C").getIdPart()).get("created_by"))
                .as("made by a backend service").isNull();
        assertThat(operation("Invoice/" + id + "/$void", parameters("reason", new StringType("Test")))
                .statusCode()).isEqualTo(200);
    }

    // --- helpers

    /** An access token of the back office's app for the member of staff, through the sign-in page. */
    private String signIn(String username) {
        return staffToken(clinic, username, PASSWORD);
    }

    private record Line(String what, String amount, String category) {}

    private static Line line(String what, String amount, String category) {
        return new Line(what, amount, category);
    }

    private static Invoice issued(IdType patient, int daysAgo, Line... lines) {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.ISSUED);
        invoice.setSubject(new Reference(patient));
        invoice.setDateElement(new DateTimeType(LocalDateTime.now(ZoneOffset.UTC).minusDays(daysAgo)
                .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC))
                .replaceFirst("\\..*", "") + "Z"));
        int sequence = 1;
        for (Line line : lines) {
            Invoice.InvoiceLineItemComponent item = invoice.addLineItem().setSequence(sequence++);
            item.getChargeItemCodeableConcept().setText(line.what());
            if (line.category() != null) {
                item.getChargeItemCodeableConcept().addCoding(new Coding(CuraEnums.REVENUE_CATEGORY.system(),
                        line.category(), null));
            }
            item.addExtension(CuraCanonical.UNIT_PRICE_EXTENSION, gbp(line.amount()));
            item.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(BigDecimal.ONE)
                    .setAmount(gbp(line.amount()));
        }
        return invoice;
    }

    private HttpResponse<String> pay(String invoice, String amount, String method) {
        return operation("Invoice/" + invoices.get(invoice).getIdPart() + "/$record-payment",
                parameters("amount", gbp(amount), "method", new CodeType(method)));
    }

    private HttpResponse<String> operation(String path, Parameters parameters) {
        return http("POST", "/" + clinic + "/" + path, json(parameters), "application/fhir+json");
    }

    private static Parameters parameters(Object... namesAndValues) {
        Parameters parameters = new Parameters();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.addParameter().setName((String) namesAndValues[i])
                    .setValue((org.hl7.fhir.r4.model.Type) namesAndValues[i + 1]);
        }
        return parameters;
    }

    private String statusOf(String invoice) {
        return (String) linkedRow(organizationId, "invoices", "Invoice", invoices.get(invoice).getIdPart())
                .get("status");
    }

    private String numberOf(String invoice) {
        return (String) linkedRow(organizationId, "invoices", "Invoice", invoices.get(invoice).getIdPart())
                .get("invoice_number");
    }

    private static Map<String, String> groups(Parameters answer, String name) {
        Map<String, String> groups = new LinkedHashMap<>();
        answer.getParameters(name).forEach(group -> groups.put(part(group, "name").primitiveValue(),
                money(part(group, "amount")).toPlainString()));
        return groups;
    }

    private static org.hl7.fhir.r4.model.Type part(Parameters.ParametersParameterComponent group, String name) {
        return group.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static BigDecimal money(org.hl7.fhir.r4.model.Type value) {
        return ((Money) value).getValue();
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }

    private static String json(Parameters parameters) {
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }
}
