package health.cura.fhir.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.Eventually;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Invoices, payments and refunds as a clinic's back office uses them: a plain FHIR Invoice lands in {@code invoices}
 * with the documented fill rules, {@code $issue} numbers it without gaps, {@code $record-payment} and {@code $refund}
 * keep the paid amount and status right under retries and concurrency, {@code $void} credits an issued invoice, and
 * every refusal is a 4xx OperationOutcome that changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoicePaymentsTest extends ServerTest {

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private IdType patient;

    @BeforeAll
    void clinicWithAPatient() {
        clinic = newTenant("billing");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        Patient ada = new Patient();
        ada.addName().setFamily("Lovelace").addGiven("Ada");
        ada.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue("9434765919");
        patient = create(fhir, ada);
    }

    @Test
    void aPlainFhirInvoiceLandsInItsRowWithTheFillRules() {
        IdType id = create(fhir, draft("Physiotherapy session", "3", "45.00", "15.00", null));
        Map<String, Object> row = row(id);
        assertThat((String) row.get("invoice_number")).startsWith("DRAFT-");
        assertThat(row).containsEntry("status", "draft").containsEntry("invoice_type", "payment")
                .containsEntry("patient_name", "Ada Lovelace").containsEntry("nhs_number", "9434765919")
                .containsEntry("patient_id", jdbc.queryForObject("SELECT patient_id FROM patients WHERE id = ?",
                        String.class, rowId(organizationId, "Patient", patient.getIdPart())));
        assertThat((BigDecimal) row.get("subtotal")).isEqualByComparingTo("135.00");
        assertThat((BigDecimal) row.get("discount")).isEqualByComparingTo("15.00");
        assertThat((BigDecimal) row.get("total_amount")).isEqualByComparingTo("120.00");
        assertThat((BigDecimal) row.get("paid_amount")).isEqualByComparingTo("0");
        assertThat(row.get("date_of_service")).isEqualTo(row.get("invoice_date"));
        assertThat(((java.sql.Timestamp) row.get("due_date")).toLocalDateTime())
                .isEqualTo(((java.sql.Timestamp) row.get("invoice_date")).toLocalDateTime().plusDays(30));
        assertThat(row.get("items").toString()).contains("\"unitPrice\": 45.00", "\"quantity\": 3",
                "\"total\": 120.00");

        Invoice stored = fhir.read().resource(Invoice.class).withId(id).execute();
        assertThat(stored.getIdentifierFirstRep().getUse().toCode()).isEqualTo("temp");
        assertThat(stored.getSubject().getDisplay()).isEqualTo("Ada Lovelace");
        assertThat(stored.getExtensionByUrl(CuraCanonical.DUE_DATE_EXTENSION)).isNotNull();
        assertThat(((Money) stored.getExtensionByUrl(CuraCanonical.PAID_AMOUNT_EXTENSION).getValue()).getValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void totalsThatAreNotTheSumOfTheirComponentsAreRefusedAndNothingIsStored() {
        Invoice wrong = draft("Consultation", "1", "80.00", null, null);
        wrong.setTotalGross(new Money().setValue(new BigDecimal("90.00")).setCurrency("GBP"));
        int before = invoices();
        HttpResponse<String> response = postJson("/" + clinic + "/Invoice", FHIR.newJsonParser().encodeResourceToString(wrong));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Invoice.totalGross", "is not the sum of its components (80.00)");
        assertThat(invoices()).isEqualTo(before);
    }

    @Test
    void issuingNumbersTheClinicsInvoicesWithoutGapsEvenWhenConcurrent() throws Exception {
        String other = newTenant("numbers");
        IGenericClient otherFhir = client(other);
        IdType otherPatient = createPatient(otherFhir, "Byron");
        List<IdType> drafts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            drafts.add(create(otherFhir, draftFor(otherPatient, "Consultation", "1", "60.00", null, null)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> issued = new ArrayList<>();
            for (IdType draft : drafts) {
                issued.add(pool.submit(() -> operation(other, draft, "issue", new Parameters()).statusCode()));
            }
            for (Future<Integer> status : issued) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        List<String> numbers = jdbc.queryForList("SELECT invoice_number FROM invoices WHERE organization_id = ? "
                + "ORDER BY invoice_number", String.class, organizationId(other));
        assertThat(numbers).containsExactly("INV-000001", "INV-000002", "INV-000003", "INV-000004", "INV-000005",
                "INV-000006", "INV-000007", "INV-000008");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM invoices WHERE organization_id = ?", String.class,
                organizationId(other))).containsExactly("sent");

        HttpResponse<String> again = operation(other, drafts.get(0), "issue", new Parameters());
        assertThat(again.statusCode()).as("issuing an issued invoice answers it").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ?", Integer.class,
                organizationId(other))).isEqualTo(8);
        Invoice read = otherFhir.read().resource(Invoice.class).withId(drafts.get(0)).execute();
        assertThat(read.getIdentifierFirstRep().getValue()).startsWith("INV-");
        assertThat(read.getIdentifierFirstRep().getUse().toCode()).isEqualTo("official");
    }

    @Test
    void partialPaymentsThenTheRestBalanceTheInvoiceAndARetryIsRecordedOnce() {
        IdType id = issued("Consultation", "1", "100.00");
        HttpResponse<String> first = pay(id, "40.00", "card", "ch_part_1");
        assertThat(first.statusCode()).isEqualTo(200);
        PaymentReconciliation payment = FHIR.newJsonParser().parseResource(PaymentReconciliation.class, first.body());
        assertThat(payment.getPaymentAmount().getValue()).isEqualByComparingTo("40.00");
        assertThat(payment.getDetailFirstRep().getRequest().getReference()).isEqualTo("Invoice/" + id.getIdPart());
        assertThat(row(id)).containsEntry("status", "sent");
        assertThat((BigDecimal) row(id).get("paid_amount")).isEqualByComparingTo("40.00");

        HttpResponse<String> retry = pay(id, "40.00", "card", "ch_part_1");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(PaymentReconciliation.class, retry.body()).getIdElement()
                .getIdPart()).isEqualTo(payment.getIdElement().getIdPart());
        assertThat(paymentsOf(id)).isEqualTo(1);

        assertThat(pay(id, "60.00", "cash", null).statusCode()).isEqualTo(200);
        Map<String, Object> paid = row(id);
        assertThat(paid).containsEntry("status", "paid");
        assertThat((BigDecimal) paid.get("paid_amount")).isEqualByComparingTo("100.00");
        assertThat(paid.get("payments").toString()).contains("ch_part_1", "\"method\": \"cash\"");
        Invoice balanced = fhir.read().resource(Invoice.class).withId(id).execute();
        assertThat(balanced.getStatus()).isEqualTo(Invoice.InvoiceStatus.BALANCED);
        assertThat(((Money) balanced.getExtensionByUrl(CuraCanonical.PAID_AMOUNT_EXTENSION).getValue()).getValue())
                .isEqualByComparingTo("100.00");

        HttpResponse<String> over = pay(id, "0.01", "cash", null);
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.body()).contains("more than the 0.00 still owed");
        assertThat(paymentsOf(id)).isEqualTo(2);
    }

    @Test
    void twentyConcurrentPaymentsNeverOverpay() throws Exception {
        IdType id = issued("Course of treatment", "1", "100.00");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String transaction = "ch_concurrent_" + i;
                Callable<Integer> payment = () -> pay(id, "10.00", "card", transaction).statusCode();
                answers.add(pool.submit(payment));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 422);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        } finally {
            pool.shutdown();
        }
        assertThat(paymentsOf(id)).isEqualTo(10);
        assertThat((BigDecimal) row(id).get("paid_amount")).isEqualByComparingTo("100.00");
        assertThat(row(id)).containsEntry("status", "paid");
    }

    @Test
    void refundsGiveBackNeverMoreThanWasPaidAndReopenTheInvoice() {
        IdType id = issued("Consultation", "1", "80.00");
        assertThat(pay(id, "80.00", "card", null).statusCode()).isEqualTo(200);
        HttpResponse<String> tooMuch = refund(id, "80.01", "Overcharged", null);
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("more than the 80.00 paid");

        HttpResponse<String> refunded = refund(id, "30.00", "Session cut short", "rf_1");
        assertThat(refunded.statusCode()).isEqualTo(200);
        PaymentReconciliation refund = FHIR.newJsonParser().parseResource(PaymentReconciliation.class, refunded.body());
        assertThat(refund.getPaymentAmount().getValue()).isEqualByComparingTo("-30.00");
        assertThat(refund.getDisposition()).isEqualTo("Session cut short");
        assertThat(refund(id, "30.00", "Session cut short", "rf_1").statusCode()).as("retried").isEqualTo(200);
        Map<String, Object> row = row(id);
        assertThat((BigDecimal) row.get("paid_amount")).isEqualByComparingTo("50.00");
        assertThat(row).containsEntry("status", "sent");
        assertThat(jdbc.queryForMap("SELECT amount, payment_method, payment_status FROM payments "
                + "WHERE organization_id = ? AND transaction_id = 'rf_1'", organizationId))
                .containsEntry("payment_method", "card").containsEntry("payment_status", "refunded");
    }

    @Test
    void badPaymentsGetA4xxNamingTheProblemAndChangeNothing() {
        IdType id = issued("Consultation", "1", "50.00");
        int before = paymentsOf(id);
        assertRefused(pay(id, "0", "card", null), 400, "amount must be above zero");
        assertRefused(pay(id, "-5.00", "card", null), 400, "amount must be above zero");
        assertRefused(pay(id, "5.001", "card", null), 400, "not exact to the penny");
        assertRefused(payIn(id, "5.00", "EUR"), 400, "this clinic bills in GBP, not EUR");
        assertRefused(pay(id, "5.00", "cheque", null), 400, "method must be one of");
        assertThat(pay(new IdType("Invoice", "no-such-invoice"), "5.00", "card", null).statusCode()).isEqualTo(404);
        IdType draft = create(fhir, draft("Consultation", "1", "50.00", null, null));
        assertRefused(pay(draft, "5.00", "card", null), 422, "issue it first");
        assertThat(paymentsOf(id)).isEqualTo(before);
        assertThat((BigDecimal) row(id).get("paid_amount")).isEqualByComparingTo("0");
    }

    @Test
    void paymentsAreWrittenOnlyThroughTheOperations() {
        IdType id = issued("Consultation", "1", "50.00");
        PaymentReconciliation forged = new PaymentReconciliation();
        forged.setStatus(PaymentReconciliation.PaymentReconciliationStatus.ACTIVE);
        forged.setCreatedElement(new org.hl7.fhir.r4.model.DateTimeType("2026-12-01T10:00:00Z"));
        forged.setPaymentDateElement(new org.hl7.fhir.r4.model.DateType("2026-12-01"));
        forged.setPaymentAmount(new Money().setValue(new BigDecimal("50.00")).setCurrency("GBP"));
        forged.addDetail().setRequest(new Reference(id));
        HttpResponse<String> response = postJson("/" + clinic + "/PaymentReconciliation",
                FHIR.newJsonParser().encodeResourceToString(forged));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("$record-payment");
        assertThat(paymentsOf(id)).isZero();

        org.hl7.fhir.r4.model.CapabilityStatement capabilities = FHIR.newJsonParser().parseResource(
                org.hl7.fhir.r4.model.CapabilityStatement.class, get("/" + clinic + "/metadata").body());
        var payments = capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("PaymentReconciliation")).findFirst().orElseThrow();
        assertThat(payments.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type").doesNotContain("create", "update", "delete", "patch");
        assertThat(payments.getDocumentation()).contains("$record-payment");
    }

    @Test
    void anIssuedInvoiceIsVoidedByACreditNoteAndADraftIsCancelled() {
        IdType draft = create(fhir, draft("Consultation", "1", "50.00", null, null));
        HttpResponse<String> cancelled = operation(clinic, draft, "void", reason("Booked in error"));
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(row(draft)).containsEntry("status", "cancelled");

        IdType id = issued("Medical report", "1", "100.00");
        String number = (String) row(id).get("invoice_number");
        HttpResponse<String> voided = operation(clinic, id, "void", reason("Report not needed"));
        assertThat(voided.statusCode()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, voided.body());
        Invoice credit = (Invoice) answer.getParameter("creditNote").getResource();
        assertThat(credit.getTotalGross().getValue()).isEqualByComparingTo("-100.00");
        assertThat(credit.getStatus()).isEqualTo(Invoice.InvoiceStatus.BALANCED);
        Map<String, Object> creditRow = row(credit.getIdElement().toUnqualifiedVersionless());
        assertThat((String) creditRow.get("invoice_number")).startsWith("INV-").isNotEqualTo(number);
        assertThat((BigDecimal) creditRow.get("total_amount")).isEqualByComparingTo("-100.00");
        assertThat(row(id)).containsEntry("status", "cancelled").containsEntry("invoice_number", number);

        IdType paid = issued("Consultation", "1", "40.00");
        assertThat(pay(paid, "10.00", "cash", null).statusCode()).isEqualTo(200);
        assertRefused(operation(clinic, paid, "void", reason("Mistake")), 422, "refund it with");
        assertRefused(pay(id, "10.00", "cash", null), 422, "cancelled invoice takes no payments");
    }

    @Test
    void theLifeOfAnInvoiceOnlyGoesForward() {
        IdType id = issued("Consultation", "1", "70.00");
        Invoice invoice = fhir.read().resource(Invoice.class).withId(id).execute();
        invoice.setStatus(Invoice.InvoiceStatus.BALANCED);
        assertRefused(put(invoice), 422, "paid in full");
        invoice.setStatus(Invoice.InvoiceStatus.CANCELLED);
        assertRefused(put(invoice), 422, "$void");
        invoice.setStatus(Invoice.InvoiceStatus.DRAFT);
        assertRefused(put(invoice), 422, "cannot become a draft again");
        HttpResponse<String> delete = http("DELETE", "/" + clinic + "/Invoice/" + id.getIdPart(), null, null);
        assertRefused(delete, 422, "$void");
        assertThat(row(id)).containsEntry("status", "sent");
    }

    @Test
    void anotherClinicNeitherSeesNorPaysThisClinicsInvoices() {
        IdType id = issued("Consultation", "1", "90.00");
        String stranger = newTenant("stranger");
        HttpResponse<String> elsewhere = http("POST", "/" + stranger + "/Invoice/" + id.getIdPart() + "/$record-payment",
                json(payment("10.00", "GBP", "card", null)), "application/fhir+json");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        HttpResponse<String> here = http("POST", "/" + clinic + "/Invoice/" + id.getIdPart() + "/$record-payment",
                json(payment("10.00", "GBP", "card", null)), "application/fhir+json",
                "Authorization", "Bearer " + token(stranger));
        assertThat(here.statusCode()).isEqualTo(403);
        assertThat(paymentsOf(id)).isZero();
    }

    @Test
    void aTokenThatOnlyReadsInvoicesCannotRecordPayments() {
        IdType id = issued("Consultation", "1", "30.00");
        String reader = tokenWithScopes(clinic, "system/Invoice.rs", "system/PaymentReconciliation.rs");
        HttpResponse<String> response = http("POST", "/" + clinic + "/Invoice/" + id.getIdPart() + "/$record-payment",
                json(payment("10.00", "GBP", "card", null)), "application/fhir+json", "Authorization",
                "Bearer " + reader);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(paymentsOf(id)).isZero();
    }

    @Test
    void anInvoiceOtherSoftwareWritesShowsUpInFhir() {
        String patientNumber = jdbc.queryForObject("SELECT patient_id FROM patients WHERE id = ?", String.class,
                rowId(organizationId, "Patient", patient.getIdPart()));
        int row = jdbc.queryForObject("""
                INSERT INTO invoices (organization_id, invoice_number, patient_id, patient_name, date_of_service,
                    invoice_date, due_date, status, subtotal, tax, total_amount, items)
                VALUES (?, 'EMR-77', ?, 'Ada Lovelace', '2026-11-02 09:00', '2026-11-02 10:00', '2026-12-02 10:00',
                    'overdue', 65, 0, 65, '[{"description": "Consultation", "quantity": 1, "unitPrice": 65, "total": 65}]')
                RETURNING id""", Integer.class, organizationId, patientNumber);
        String resourceId = Eventually.await(() -> jdbc.queryForList("SELECT resource_id FROM fhir_resource_links "
                + "WHERE organization_id = ? AND table_name = 'invoices' AND row_id = ?", String.class, organizationId,
                row).stream().findFirst());
        Invoice invoice = fhir.read().resource(Invoice.class).withId(resourceId).execute();
        assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.ISSUED);
        assertThat(invoice.getStatusElement().getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION)).isNotNull();
        assertThat(invoice.getSubject().getReference()).isEqualTo("Patient/" + patient.getIdPart());
        assertThat(invoice.getTotalGross().getValue()).isEqualByComparingTo("65.00");
        assertThat(invoice.getLineItemFirstRep().getChargeItemCodeableConcept().getText()).isEqualTo("Consultation");

        HttpResponse<String> paid = pay(new IdType("Invoice", resourceId), "65.00", "bank_transfer", null);
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM invoices WHERE id = ?", String.class, row)).isEqualTo("paid");
    }

    // --- helpers

    private Invoice draft(String what, String quantity, String unitPrice, String discount, String vat) {
        return draftFor(patient, what, quantity, unitPrice, discount, vat);
    }

    private static Invoice draftFor(IdType patient, String what, String quantity, String unitPrice, String discount,
            String vat) {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.DRAFT);
        invoice.setSubject(new Reference(patient));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem().setSequence(1);
        line.getChargeItemCodeableConcept().setText(what);
        BigDecimal base = new BigDecimal(unitPrice).multiply(new BigDecimal(quantity));
        line.addExtension(CuraCanonical.UNIT_PRICE_EXTENSION, gbp(unitPrice));
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(new BigDecimal(quantity))
                .setAmount(gbp(base.toPlainString()));
        if (discount != null) {
            line.addPriceComponent().setType(InvoicePriceComponentType.DISCOUNT).setAmount(gbp("-" + discount));
        }
        if (vat != null) {
            line.addPriceComponent().setType(InvoicePriceComponentType.TAX).setAmount(gbp(vat));
        }
        return invoice;
    }

    private IdType issued(String what, String quantity, String unitPrice) {
        IdType id = create(fhir, draft(what, quantity, unitPrice, null, null));
        assertThat(operation(clinic, id, "issue", new Parameters()).statusCode()).isEqualTo(200);
        return id;
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }

    private HttpResponse<String> pay(IdType invoice, String amount, String method, String transactionId) {
        return operation(clinic, invoice, "record-payment", payment(amount, "GBP", method, transactionId));
    }

    private HttpResponse<String> payIn(IdType invoice, String amount, String currency) {
        return operation(clinic, invoice, "record-payment", payment(amount, currency, "card", null));
    }

    private static Parameters payment(String amount, String currency, String method, String transactionId) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("amount").setValue(new Money().setValue(new BigDecimal(amount))
                .setCurrency(currency));
        parameters.addParameter().setName("method").setValue(new CodeType(method));
        if (transactionId != null) {
            parameters.addParameter().setName("transactionId").setValue(new StringType(transactionId));
        }
        return parameters;
    }

    private HttpResponse<String> refund(IdType invoice, String amount, String why, String transactionId) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("amount").setValue(gbp(amount));
        parameters.addParameter().setName("reason").setValue(new StringType(why));
        if (transactionId != null) {
            parameters.addParameter().setName("transactionId").setValue(new StringType(transactionId));
        }
        return operation(clinic, invoice, "refund", parameters);
    }

    private static Parameters reason(String why) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("reason").setValue(new StringType(why));
        return parameters;
    }

    private HttpResponse<String> operation(String tenant, IdType invoice, String name, Parameters parameters) {
        return http("POST", "/" + tenant + "/Invoice/" + invoice.getIdPart() + "/$" + name, json(parameters),
                "application/fhir+json");
    }

    private HttpResponse<String> put(Invoice invoice) {
        return http("PUT", "/" + clinic + "/Invoice/" + invoice.getIdElement().getIdPart(),
                FHIR.newJsonParser().encodeResourceToString(invoice), "application/fhir+json");
    }

    private static String json(Parameters parameters) {
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(says);
    }

    private Map<String, Object> row(IdType invoice) {
        return linkedRow(organizationId, "invoices", "Invoice", invoice.getIdPart());
    }

    private int invoices() {
        return jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ?", Integer.class,
                organizationId);
    }

    private int paymentsOf(IdType invoice) {
        return jdbc.queryForObject("SELECT count(*) FROM payments WHERE organization_id = ? AND invoice_id = ?",
                Integer.class, organizationId, rowId(organizationId, "Invoice", invoice.getIdPart()));
    }
}
