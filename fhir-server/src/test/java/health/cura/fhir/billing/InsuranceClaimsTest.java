package health.cura.fhir.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.Eventually;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Insurance claims as a UK private clinic's back office makes them: {@code $submit-claim} holds an issued
 * insurance invoice to what insurers require and names each missing item, {@code $record-outcome} records the
 * insurer's decision and payment so that the patient is left the shortfall, retries change nothing, and claims
 * other software writes show up as Claim and ClaimResponse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsuranceClaimsTest extends ServerTest {

    private static final Coding MENISCUS = new Coding(CuraCanonical.ICD10_SYSTEM, "M23.2", "Derangement of meniscus");
    private static final Coding ARTHROSCOPY = new Coding(CuraCanonical.CCSD_SYSTEM, "W8500", "Knee arthroscopy");

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;

    @BeforeAll
    void clinicWithInsuredPatients() {
        clinic = newTenant("claims");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
    }

    @Test
    void anInsurersPartPaymentLeavesTheShortfallToThePatientAndRetriesChangeNothing() {
        IdType patient = insuredPatient("Franklin", "BU-5521907");
        IdType invoice = issuedInsuranceInvoice(patient, "250.00", daysAgo(10), ARTHROSCOPY);

        HttpResponse<String> submitted = submit(invoice, MENISCUS);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, submitted.body());
        assertThat(claim.getStatus()).isEqualTo(Claim.ClaimStatus.ACTIVE);
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo("250.00");
        assertThat(claim.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
                .isEqualTo("M23.2");
        Map<String, Object> row = linkedRow(organizationId, "claims", "Claim", claim.getIdElement().getIdPart());
        assertThat(row).containsEntry("status", "submitted").containsEntry("insurance_provider", "Bupa")
                .containsEntry("patient_id", rowId(organizationId, "Patient", patient.getIdPart()));
        assertThat((String) row.get("claim_number")).startsWith("CLM-");
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("250.00");
        assertThat(row.get("procedures").toString()).contains("W8500");

        HttpResponse<String> again = submit(invoice, MENISCUS);
        assertThat(FHIR.newJsonParser().parseResource(Claim.class, again.body()).getIdElement().getIdPart())
                .isEqualTo(claim.getIdElement().getIdPart());
        assertThat(claimsOf(patient)).isEqualTo(1);

        HttpResponse<String> outcome = outcome(claim, "partially_paid", "180.00", null);
        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, outcome.body());
        ClaimResponse response = (ClaimResponse) answer.getParameter("claimResponse").getResource();
        assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.PARTIAL);
        assertThat(response.getPayment().getAmount().getValue()).isEqualByComparingTo("180.00");
        assertThat(((Money) answer.getParameter("patientOwes").getValue()).getValue()).isEqualByComparingTo("70.00");
        Map<String, Object> decided = linkedRow(organizationId, "claims", "Claim", claim.getIdElement().getIdPart());
        assertThat(decided).containsEntry("status", "partially_paid");
        assertThat((BigDecimal) decided.get("payment_amount")).isEqualByComparingTo("180.00");
        Map<String, Object> invoiceRow = linkedRow(organizationId, "invoices", "Invoice", invoice.getIdPart());
        assertThat((BigDecimal) invoiceRow.get("paid_amount")).isEqualByComparingTo("180.00");
        assertThat(invoiceRow).containsEntry("status", "sent");
        assertThat(jdbc.queryForObject("SELECT payment_provider FROM payments WHERE invoice_id = ?", String.class,
                invoiceRow.get("id"))).isEqualTo("Bupa");

        HttpResponse<String> retried = outcome(claim, "partially_paid", "180.00", null);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(((ClaimResponse) FHIR.newJsonParser().parseResource(Parameters.class, retried.body())
                .getParameter("claimResponse").getResource()).getIdElement().getIdPart())
                .isEqualTo(response.getIdElement().getIdPart());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE invoice_id = ?", Integer.class,
                invoiceRow.get("id"))).isEqualTo(1);
        assertRefused(outcome(claim, "denied", null, "Not covered"), 422, "already recorded (partially_paid)");

        Parameters patientPays = new Parameters();
        patientPays.addParameter().setName("amount").setValue(gbp("70.00"));
        patientPays.addParameter().setName("method").setValue(new CodeType("card"));
        assertThat(operation("Invoice", invoice.getIdPart(), "record-payment", patientPays).statusCode())
                .isEqualTo(200);
        assertThat(linkedRow(organizationId, "invoices", "Invoice", invoice.getIdPart()))
                .containsEntry("status", "paid");
    }

    @Test
    void oneRemittanceThatPaysTwoClaimsPaysBothInvoices() {
        IdType patient = insuredPatient("Anning", "BU-77120");
        IdType first = issuedInsuranceInvoice(patient, "100.00", daysAgo(5), ARTHROSCOPY);
        IdType second = issuedInsuranceInvoice(patient, "60.00", daysAgo(4), ARTHROSCOPY);
        Claim one = FHIR.newJsonParser().parseResource(Claim.class, submit(first, MENISCUS).body());
        Claim two = FHIR.newJsonParser().parseResource(Claim.class, submit(second, MENISCUS).body());
        Parameters remittance = decision("approved", "100.00", null);
        remittance.addParameter().setName("transactionId").setValue(new StringType("BUPA-REM-1130"));
        assertThat(operation("Claim", one.getIdElement().getIdPart(), "record-outcome", remittance).statusCode())
                .isEqualTo(200);
        Parameters alsoRemittance = decision("approved", "60.00", null);
        alsoRemittance.addParameter().setName("transactionId").setValue(new StringType("BUPA-REM-1130"));
        HttpResponse<String> secondPaid = operation("Claim", two.getIdElement().getIdPart(), "record-outcome",
                alsoRemittance);
        assertThat(secondPaid.statusCode()).as(secondPaid.body()).isEqualTo(200);
        assertThat(linkedRow(organizationId, "invoices", "Invoice", first.getIdPart())).containsEntry("status", "paid");
        assertThat(linkedRow(organizationId, "invoices", "Invoice", second.getIdPart())).containsEntry("status", "paid");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE organization_id = ? "
                + "AND metadata ->> 'reason' LIKE '%BUPA-REM-1130%'", Integer.class, organizationId)).isEqualTo(2);
    }

    @Test
    void anInsurersPaymentOfAVoidedInvoiceIsRefusedAndChangesNothing() {
        IdType patient = insuredPatient("Somerville", "AX-4");
        IdType invoice = issuedInsuranceInvoice(patient, "75.00", daysAgo(3), ARTHROSCOPY);
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, submit(invoice, MENISCUS).body());
        Parameters why = new Parameters();
        why.addParameter().setName("reason").setValue(new StringType("Billed in error"));
        assertThat(operation("Invoice", invoice.getIdPart(), "void", why).statusCode()).isEqualTo(200);
        assertRefused(outcome(claim, "approved", "75.00", null), 422, "voided");
        assertThat(linkedRow(organizationId, "claims", "Claim", claim.getIdElement().getIdPart()))
                .containsEntry("status", "submitted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE organization_id = ? AND invoice_id = ?",
                Integer.class, organizationId, rowId(organizationId, "Invoice", invoice.getIdPart()))).isZero();
    }

    @Test
    void aClaimMissingWhatInsurersRequireIsRefusedNamingEachItemAndNothingIsWritten() {
        IdType patient = insuredPatient("Hodgkin", null);
        Invoice invoice = insuranceInvoice(patient, "120.00", LocalDateTime.now(ZoneOffset.UTC).minusMonths(7));
        invoice.setStatus(Invoice.InvoiceStatus.ISSUED);
        invoice.addIdentifier().setSystem(CuraCanonical.invoiceNumberSystem(clinic))
                .setUse(org.hl7.fhir.r4.model.Identifier.IdentifierUse.OFFICIAL).setValue("CLINIC-2026-INVOICE-0001");
        IdType id = create(fhir, invoice);

        HttpResponse<String> refused = submit(id);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, refused.body());
        assertThat(outcome.getIssue()).extracting(issue -> issue.getExpression().get(0).getValue()).containsExactly(
                "Coverage.subscriberId", "diagnosis", "procedure", "Invoice.identifier",
                "Invoice.extension('" + CuraCanonical.SERVICE_DATE_EXTENSION + "')");
        assertThat(outcome.getIssue().get(3).getDiagnostics()).contains("24 characters");
        assertThat(claimsOf(patient)).isZero();
    }

    @Test
    void onlyIssuedInsuranceInvoicesAreClaimed() {
        IdType patient = insuredPatient("Lister", "AX-1");
        Invoice selfPay = insuranceInvoice(patient, "60.00", daysAgo(2));
        selfPay.setType(new CodeableConcept().addCoding(new Coding(
                health.cura.conformance.terminology.CuraEnums.INVOICE_TYPE.system(), "payment", null)));
        selfPay.setStatus(Invoice.InvoiceStatus.ISSUED);
        assertRefused(submit(create(fhir, selfPay), MENISCUS), 422, "insurance_claim");
        IdType draft = create(fhir, insuranceInvoice(patient, "60.00", daysAgo(2)));
        assertRefused(submit(draft, MENISCUS), 422, "issue it");
        assertThat(claimsOf(patient)).isZero();
    }

    @Test
    void aDeniedClaimLeavesThePatientTheWholeInvoiceAndTheInvoiceCanBeClaimedAgain() {
        IdType patient = insuredPatient("Jenner", "AV-77");
        IdType invoice = issuedInsuranceInvoice(patient, "95.00", daysAgo(20), ARTHROSCOPY);
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, submit(invoice, MENISCUS).body());

        assertRefused(outcome(claim, "denied", null, null), 400, "reason");
        assertRefused(outcome(claim, "approved", "90.00", null), 422, "partially_paid");
        HttpResponse<String> denied = outcome(claim, "denied", null, "Pre-existing condition excluded");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, denied.body());
        assertThat(((ClaimResponse) answer.getParameter("claimResponse").getResource()).getDisposition())
                .isEqualTo("Pre-existing condition excluded");
        assertThat(((Money) answer.getParameter("patientOwes").getValue()).getValue()).isEqualByComparingTo("95.00");
        assertThat(linkedRow(organizationId, "claims", "Claim", claim.getIdElement().getIdPart()))
                .containsEntry("status", "denied").containsEntry("denial_reason", "Pre-existing condition excluded");

        Claim second = FHIR.newJsonParser().parseResource(Claim.class, submit(invoice, MENISCUS).body());
        assertThat(second.getIdElement().getIdPart()).isNotEqualTo(claim.getIdElement().getIdPart());
        HttpResponse<String> paid = outcome(second, "approved", "95.00", null);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(linkedRow(organizationId, "claims", "Claim", second.getIdElement().getIdPart()))
                .containsEntry("status", "paid");
        assertThat(linkedRow(organizationId, "invoices", "Invoice", invoice.getIdPart())).containsEntry("status", "paid");
    }

    @Test
    void decisionsAreRecordedOnlyByTheOperationAndNoOtherClinicReachesAClaim() {
        IdType patient = insuredPatient("Nightingale", "VT-3");
        IdType invoice = issuedInsuranceInvoice(patient, "40.00", daysAgo(1), ARTHROSCOPY);
        Claim claim = FHIR.newJsonParser().parseResource(Claim.class, submit(invoice, MENISCUS).body());
        ClaimResponse forged = new ClaimResponse().setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE)
                .setUse(ClaimResponse.Use.CLAIM).setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE)
                .setPatient(new Reference(patient)).setInsurer(new Reference().setDisplay("Bupa"))
                .setRequest(new Reference("Claim/" + claim.getIdElement().getIdPart()));
        forged.setCreatedElement(new DateTimeType("2026-12-01T10:00:00Z"));
        forged.getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null));
        assertThat(postJson("/" + clinic + "/ClaimResponse", FHIR.newJsonParser().encodeResourceToString(forged))
                .statusCode()).isEqualTo(405);

        String stranger = newTenant("insurer-less");
        HttpResponse<String> elsewhere = http("POST", "/" + stranger + "/Claim/" + claim.getIdElement().getIdPart()
                + "/$record-outcome", json(decision("approved", null, null)), "application/fhir+json");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        HttpResponse<String> foreignToken = http("POST", "/" + clinic + "/Invoice/" + invoice.getIdPart()
                + "/$submit-claim", json(new Parameters()), "application/fhir+json", "Authorization",
                "Bearer " + token(stranger));
        assertThat(foreignToken.statusCode()).isEqualTo(403);
        assertThat(linkedRow(organizationId, "claims", "Claim", claim.getIdElement().getIdPart()))
                .containsEntry("status", "submitted");
    }

    @Test
    void aClaimOtherSoftwareWritesShowsUpAsClaimAndItsDecisionAsClaimResponse() {
        IdType patient = insuredPatient("Fleming", "BU-9");
        int patientRow = rowId(organizationId, "Patient", patient.getIdPart());
        int row = jdbc.queryForObject("""
                INSERT INTO claims (organization_id, patient_id, claim_number, service_date, submission_date, amount,
                    status, insurance_provider, procedures)
                VALUES (?, ?, 'EMR-CLAIM-4', '2026-11-10 09:00', '2026-11-11 12:00', 310.50, 'submitted', 'AXA Health',
                    '["W8500"]') RETURNING id""", Integer.class, organizationId, patientRow);
        String claimId = Eventually.await(() -> jdbc.queryForList("SELECT resource_id FROM fhir_resource_links "
                + "WHERE organization_id = ? AND table_name = 'claims' AND row_id = ?", String.class, organizationId,
                row).stream().findFirst());
        Claim claim = fhir.read().resource(Claim.class).withId(claimId).execute();
        assertThat(claim.getPatient().getReference()).isEqualTo("Patient/" + patient.getIdPart());
        assertThat(claim.getInsurer().getDisplay()).isEqualTo("AXA Health");
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo("310.50");
        assertThat(claim.getItemFirstRep().getProductOrService().getCodingFirstRep().getCode()).isEqualTo("W8500");

        jdbc.update("UPDATE claims SET status = 'paid', payment_amount = 310.50, payment_date = '2026-12-01 08:00' "
                + "WHERE id = ?", row);
        ClaimResponse response = Eventually.await(() -> fhir.search().forResource(ClaimResponse.class)
                .where(ClaimResponse.REQUEST.hasId("Claim/" + claimId)).returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute().getEntry().stream().map(e -> (ClaimResponse) e.getResource()).findFirst());
        assertThat(response.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
        assertThat(response.getPayment().getAmount().getValue()).isEqualByComparingTo("310.50");
        assertThat(response.getPayment().getDateElement().getValueAsString()).isEqualTo("2026-12-01");
    }

    // --- helpers

    private IdType insuredPatient(String family, String memberNumber) {
        IdType patient = createPatient(fhir, family);
        Coverage coverage = ClinicalShapes.coverage(new Reference(patient));
        coverage.setSubscriberId(memberNumber);
        create(fhir, coverage);
        return patient;
    }

    private IdType issuedInsuranceInvoice(IdType patient, String amount, LocalDateTime serviceDate,
            Coding procedure) {
        Invoice invoice = insuranceInvoice(patient, amount, serviceDate);
        invoice.getLineItemFirstRep().getChargeItemCodeableConcept().addCoding(procedure);
        IdType id = create(fhir, invoice);
        assertThat(operation("Invoice", id.getIdPart(), "issue", new Parameters()).statusCode()).isEqualTo(200);
        return id;
    }

    private Invoice insuranceInvoice(IdType patient, String amount, LocalDateTime serviceDate) {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.DRAFT);
        invoice.setType(new CodeableConcept().addCoding(new Coding(
                health.cura.conformance.terminology.CuraEnums.INVOICE_TYPE.system(), "insurance_claim", null)));
        invoice.setSubject(new Reference(patient));
        invoice.addExtension(CuraCanonical.SERVICE_DATE_EXTENSION, new DateTimeType(serviceDate
                .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).replaceFirst("\\..*", "") + "Z"));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem().setSequence(1);
        line.getChargeItemCodeableConcept().setText("Knee arthroscopy");
        line.addExtension(CuraCanonical.UNIT_PRICE_EXTENSION, gbp(amount));
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(BigDecimal.ONE)
                .setAmount(gbp(amount));
        return invoice;
    }

    private static LocalDateTime daysAgo(int days) {
        return LocalDateTime.now(ZoneOffset.UTC).minusDays(days).withNano(0);
    }

    private HttpResponse<String> submit(IdType invoice, Coding... diagnoses) {
        Parameters parameters = new Parameters();
        for (Coding diagnosis : diagnoses) {
            parameters.addParameter().setName("diagnosis").setValue(diagnosis);
        }
        return operation("Invoice", invoice.getIdPart(), "submit-claim", parameters);
    }

    private HttpResponse<String> outcome(Claim claim, String outcome, String amount, String reason) {
        return operation("Claim", claim.getIdElement().getIdPart(), "record-outcome",
                decision(outcome, amount, reason));
    }

    private static Parameters decision(String outcome, String amount, String reason) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("outcome").setValue(new CodeType(outcome));
        if (amount != null) {
            parameters.addParameter().setName("amount").setValue(gbp(amount));
        }
        if (reason != null) {
            parameters.addParameter().setName("reason").setValue(new StringType(reason));
        }
        return parameters;
    }

    private HttpResponse<String> operation(String type, String id, String name, Parameters parameters) {
        return http("POST", "/" + clinic + "/" + type + "/" + id + "/$" + name, json(parameters),
                "application/fhir+json");
    }

    private int claimsOf(IdType patient) {
        return jdbc.queryForObject("SELECT count(*) FROM claims WHERE organization_id = ? AND patient_id = ?",
                Integer.class, organizationId, rowId(organizationId, "Patient", patient.getIdPart()));
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }

    private static String json(Parameters parameters) {
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anySatisfy(diagnostics -> assertThat(diagnostics).contains(says));
    }
}
