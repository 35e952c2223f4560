package health.cura.fhir.billing.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.QuickBooksStandIn;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Invoice.InvoicePriceComponentType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A clinic's books in QuickBooks Online (a local stand-in of its API): connected with Intuit's authorization code,
 * invoices, their customer and payments pushed in QuickBooks' shapes, a refused push kept, shown and pushed on the
 * next sync, a push repeated after a crash made once, and an expired token refreshed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickBooksSyncTest extends ServerTest {

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private String realm;
    private QuickBooksStandIn.Company books;
    private IdType paidInvoice;
    private IdType openInvoice;

    @BeforeAll
    void clinicWithInvoicesAndAPayment() {
        clinic = newTenant("ledger");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        realm = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        books = QuickBooksStandIn.company(realm);
        Patient mary = new Patient();
        mary.addName().setFamily("O'Brien").addGiven("Mary");
        IdType patient = create(fhir, mary);
        paidInvoice = create(fhir, invoice(patient, "2", "45.00", "10.00", "16.00"));
        openInvoice = create(fhir, invoice(patient, "1", "120.00", null, null));
        Parameters payment = new Parameters();
        payment.addParameter().setName("amount").setValue(gbp("50.00"));
        payment.addParameter().setName("method").setValue(new CodeType("card"));
        assertThat(post("Invoice/" + paidInvoice.getIdPart() + "/$record-payment", payment).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(1)
    void aClinicConnectsWithTheCodeIntuitGaveBackAndItsTokensAreKeptEncrypted() {
        assertThat(post("$quickbooks-connect", connect("bad-code", realm)).statusCode()).isEqualTo(422);
        assertThat(post("$quickbooks-connect", connect("good-" + realm, "not-a-realm")).statusCode()).isEqualTo(400);
        HttpResponse<String> connected = post("$quickbooks-connect", connect("good-" + realm, realm));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, connected.body());
        assertThat(answer.getParameterValue("companyName").primitiveValue()).isEqualTo("Clinic " + realm);
        assertThat(jdbc.queryForObject("SELECT access_token FROM quickbooks_connections WHERE realm_id = ?",
                String.class, realm)).startsWith("enc:v1:").doesNotContain("qb-access");
        String stranger = newTenant("no-books");
        Parameters elsewhere = FHIR.newJsonParser().parseResource(Parameters.class,
                get("/" + stranger + "/$quickbooks-status").body());
        assertThat(((BooleanType) elsewhere.getParameterValue("connected")).booleanValue()).isFalse();
    }

    @Test
    @Order(2)
    void invoicesPaymentsAndTheirCustomerArePushedAndARefusedPushIsShownThenSentNextTime() {
        // both invoices are refused once: the customer goes, the payment waits for its invoice
        books.refuseNext("Invoice", 2);
        Parameters first = sync();
        assertThat(first.getParameterValue("sent").primitiveValue()).isEqualTo("1");
        assertThat(first.getParameterValue("pending").primitiveValue()).isEqualTo("3");
        Map<String, String> failures = new java.util.HashMap<>();
        first.getParameters("failure").forEach(f -> failures.put(part(f, "kind") + " " + part(f, "reference"),
                part(f, "error")));
        assertThat(failures.get("invoice " + number(openInvoice))).contains("HTTP 400 6000", "books are closed");
        assertThat(failures.get("invoice " + number(paidInvoice))).contains("books are closed");
        assertThat(failures.entrySet()).anySatisfy(f -> assertThat(f.getKey()).startsWith("payment")
                .satisfies(k -> assertThat(f.getValue()).contains("Waiting for its invoice")));
        HttpResponse<String> status = get("/" + clinic + "/$quickbooks-status");
        assertThat(status.body()).contains("books are closed");

        Parameters second = sync();
        assertThat(second.getParameterValue("sent").primitiveValue()).isEqualTo("4");
        assertThat(second.getParameterValue("pending").primitiveValue()).isEqualTo("0");
        assertThat(second.getParameter("failure")).isNull();

        List<JsonNode> customers = books.of("Customer");
        assertThat(customers).hasSize(1);
        String mary = customers.get(0).path("DisplayName").asText();
        assertThat(mary).startsWith("Mary O'Brien (");
        JsonNode invoice = books.of("Invoice").stream()
                .filter(i -> i.path("DocNumber").asText().equals(number(paidInvoice))).findFirst().orElseThrow();
        assertThat(invoice.path("CustomerRef").path("value").asText()).isEqualTo(customers.get(0).path("Id").asText());
        assertThat(invoice.path("Line").get(0).path("Amount").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(invoice.path("Line").get(0).path("SalesItemLineDetail").path("Qty").decimalValue())
                .isEqualByComparingTo("2");
        assertThat(invoice.path("Line").get(1).path("DetailType").asText()).isEqualTo("DiscountLineDetail");
        assertThat(invoice.path("Line").get(1).path("Amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(invoice.path("TxnTaxDetail").path("TotalTax").decimalValue()).isEqualByComparingTo("16.00");
        JsonNode payment = books.of("Payment").get(0);
        assertThat(payment.path("TotalAmt").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(payment.path("Line").get(0).path("LinkedTxn").get(0).path("TxnId").asText())
                .isEqualTo(invoice.path("Id").asText());
        assertThat(books.of("Invoice")).hasSize(2);
    }

    @Test
    @Order(3)
    void aPushRepeatedAfterACrashMakesNothingTwice() {
        String pushed = jdbc.queryForObject("SELECT quickbooks_id FROM cura_quickbooks_outbox WHERE organization_id = ? "
                + "AND kind = 'payment'", String.class, organizationId);
        // as if the node had died after QuickBooks made the payment and before the outbox said so
        jdbc.update("UPDATE cura_quickbooks_outbox SET status = 'pending', quickbooks_id = NULL, last_error = 'lost' "
                + "WHERE organization_id = ? AND kind = 'payment'", organizationId);
        sync();
        assertThat(books.of("Payment")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT quickbooks_id FROM cura_quickbooks_outbox WHERE organization_id = ? "
                + "AND kind = 'payment'", String.class, organizationId)).isEqualTo(pushed);
        assertThat(books.of("Customer")).hasSize(1);
    }

    @Test
    @Order(4)
    void anExpiredAccessTokenIsRefreshedAndTheRotatedTokensKept() {
        String before = jdbc.queryForObject("SELECT refresh_token FROM quickbooks_connections WHERE realm_id = ?",
                String.class, realm);
        QuickBooksStandIn.expireAccessTokens(realm);
        Parameters payment = new Parameters();
        payment.addParameter().setName("amount").setValue(gbp("20.00"));
        payment.addParameter().setName("method").setValue(new CodeType("cash"));
        assertThat(post("Invoice/" + openInvoice.getIdPart() + "/$record-payment", payment).statusCode())
                .isEqualTo(200);
        Parameters answer = sync();
        assertThat(answer.getParameterValue("pending").primitiveValue()).isEqualTo("0");
        assertThat(books.of("Payment")).hasSize(2);
        assertThat(books.refreshes.get()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT refresh_token FROM quickbooks_connections WHERE realm_id = ?",
                String.class, realm)).isNotEqualTo(before).startsWith("enc:v1:");
    }

    @Test
    @Order(5)
    void theSyncIsConfiguredByOperationAndBadSettingsAreRefused() {
        Parameters bad = new Parameters();
        bad.addParameter().setName("syncFrequency").setValue(new CodeType("fortnightly"));
        assertThat(post("$quickbooks-configure", bad).statusCode()).isEqualTo(400);
        Parameters settings = new Parameters();
        settings.addParameter().setName("autoSync").setValue(new BooleanType(true));
        settings.addParameter().setName("syncFrequency").setValue(new CodeType("hourly"));
        HttpResponse<String> configured = post("$quickbooks-configure", settings);
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, configured.body());
        assertThat(answer.getParameterValue("syncFrequency").primitiveValue()).isEqualTo("hourly");
        assertThat(answer.getParameterValue("syncInvoices").primitiveValue()).isEqualTo("true");
        assertThat(jdbc.queryForObject("SELECT auto_sync FROM quickbooks_sync_configs WHERE organization_id = ?",
                Boolean.class, organizationId)).isTrue();
        String stranger = newTenant("not-yours");
        assertThat(http("POST", "/" + clinic + "/$quickbooks-sync", "{\"resourceType\":\"Parameters\"}",
                "application/fhir+json", "Authorization", "Bearer " + token(stranger)).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void anotherCompanyConnectedTakesEverythingAfreshAndTheFirstIsLeftAlone() {
        String other = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        assertThat(post("$quickbooks-connect", connect("good-" + other, other)).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT is_active FROM quickbooks_connections WHERE realm_id = ?",
                Boolean.class, realm)).as("the first company is disconnected").isFalse();
        int before = books.of("Payment").size();
        Parameters answer = sync();
        assertThat(answer.getParameterValue("realmId").primitiveValue()).isEqualTo(other);
        assertThat(answer.getParameterValue("sent").primitiveValue()).isEqualTo("5");
        QuickBooksStandIn.Company second = QuickBooksStandIn.company(other);
        assertThat(second.of("Customer")).hasSize(1);
        assertThat(second.of("Invoice")).hasSize(2);
        assertThat(second.of("Payment")).hasSize(2);
        // the second company's payments link the second company's invoices, not the first's
        List<String> invoiceIds = second.of("Invoice").stream().map(i -> i.path("Id").asText()).toList();
        assertThat(second.of("Payment")).allSatisfy(p -> assertThat(invoiceIds)
                .contains(p.path("Line").get(0).path("LinkedTxn").get(0).path("TxnId").asText()));
        assertThat(books.of("Payment")).hasSize(before);
    }

    @Test
    @Order(7)
    void refundsGoAsRefundReceiptsAndAVoidedInvoiceAsACreditMemo() {
        assertThat(post("Invoice/" + paidInvoice.getIdPart() + "/$refund", reasonAnd("10.00", "Goodwill"))
                .statusCode()).isEqualTo(200);
        assertThat(post("Invoice/" + openInvoice.getIdPart() + "/$refund", reasonAnd("20.00", "Treatment cancelled"))
                .statusCode()).isEqualTo(200);
        Parameters why = new Parameters();
        why.addParameter().setName("reason").setValue(new StringType("Treatment cancelled"));
        HttpResponse<String> voided = post("Invoice/" + openInvoice.getIdPart() + "/$void", why);
        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(200);
        String creditNumber = ((Invoice) FHIR.newJsonParser().parseResource(Parameters.class, voided.body())
                .getParameter("creditNote").getResource()).getIdentifierFirstRep().getValue();

        Parameters answer = sync();
        assertThat(answer.getParameterValue("pending").primitiveValue()).isEqualTo("0");
        String realmNow = answer.getParameterValue("realmId").primitiveValue();
        QuickBooksStandIn.Company current = QuickBooksStandIn.company(realmNow);
        assertThat(current.of("RefundReceipt")).extracting(r -> r.path("Line").get(0).path("Amount").decimalValue()
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).containsExactlyInAnyOrder("10.00", "20.00");
        assertThat(current.of("RefundReceipt")).allSatisfy(r ->
                assertThat(r.path("DepositToAccountRef").path("value").asText()).isEqualTo("35"));
        assertThat(current.of("CreditMemo")).singleElement().satisfies(memo -> {
            assertThat(memo.path("DocNumber").asText()).isEqualTo(creditNumber);
            assertThat(memo.path("Line").get(0).path("Amount").decimalValue()).isEqualByComparingTo("120.00");
        });
    }

    // --- helpers

    private static Parameters reasonAnd(String amount, String reason) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("amount").setValue(gbp(amount));
        parameters.addParameter().setName("reason").setValue(new StringType(reason));
        return parameters;
    }

    private Parameters sync() {
        HttpResponse<String> response = post("$quickbooks-sync", new Parameters());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    private static Parameters connect(String code, String realmId) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("code").setValue(new StringType(code));
        parameters.addParameter().setName("realmId").setValue(new StringType(realmId));
        parameters.addParameter().setName("redirectUri").setValue(new UriType("https://clinic.example/quickbooks"));
        return parameters;
    }

    private Invoice invoice(IdType patient, String quantity, String unitPrice, String discount, String vat) {
        Invoice invoice = new Invoice().setStatus(Invoice.InvoiceStatus.ISSUED);
        invoice.setSubject(new Reference(patient));
        Invoice.InvoiceLineItemComponent line = invoice.addLineItem().setSequence(1);
        line.getChargeItemCodeableConcept().setText("Physiotherapy session");
        line.addExtension(CuraCanonical.UNIT_PRICE_EXTENSION, gbp(unitPrice));
        line.addPriceComponent().setType(InvoicePriceComponentType.BASE).setFactor(new BigDecimal(quantity))
                .setAmount(gbp(new BigDecimal(unitPrice).multiply(new BigDecimal(quantity)).toPlainString()));
        if (discount != null) {
            line.addPriceComponent().setType(InvoicePriceComponentType.DISCOUNT).setAmount(gbp("-" + discount));
        }
        if (vat != null) {
            line.addPriceComponent().setType(InvoicePriceComponentType.TAX).setAmount(gbp(vat));
        }
        return invoice;
    }

    private String number(IdType invoice) {
        return (String) linkedRow(organizationId, "invoices", "Invoice", invoice.getIdPart()).get("invoice_number");
    }

    private HttpResponse<String> post(String path, Parameters parameters) {
        return http("POST", "/" + clinic + "/" + path, FHIR.newJsonParser().encodeResourceToString(parameters),
                "application/fhir+json");
    }

    private static String part(Parameters.ParametersParameterComponent group, String name) {
        return group.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue()
                .primitiveValue();
    }

    private static Money gbp(String amount) {
        return new Money().setValue(new BigDecimal(amount)).setCurrency("GBP");
    }
}
