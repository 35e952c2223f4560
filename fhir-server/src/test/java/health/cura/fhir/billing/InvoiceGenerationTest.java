package health.cura.fhir.billing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
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

/**
 * {@code $generate-invoice}: a VAT-registered UK clinic's price list prices a visit, care exempt and a report for an
 * insurer standard-rated, every figure to the penny; generating again answers the same draft.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceGenerationTest extends ServerTest {

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private Reference patient;
    private Reference doctor;

    @BeforeAll
    void vatRegisteredClinicWithAPriceList() {
        clinic = newTenant("pricing");
        organizationId = organizationId(clinic);
        jdbc.update("UPDATE organizations SET settings = '{\"billing\": {\"vatRegistered\": true, "
                + "\"paymentTermDays\": 14}}'::jsonb WHERE id = ?", organizationId);
        fhir = client(clinic);
        patient = new Reference(createPatient(fhir, "Seacole"));
        doctor = new Reference(createPractitioner(fhir, "Snow"));
        create(fhir, price("CONS-30", "Consultation, 30 minutes", "80.00", "exempt",
                new Coding(CuraEnums.APPOINTMENT_TYPE.system(), "consultation", null)));
        create(fhir, price("REP", "Medical report for an insurer", "120.00", "standard", null));
    }

    @Test
    void aVisitIsPricedFromThePriceListWithVatByTheClinicsRules() {
        Appointment visit = ClinicalShapes.appointment(patient, doctor);
        visit.getAppointmentType().addCoding(new Coding(CuraEnums.APPOINTMENT_TYPE.system(), "consultation", null));
        visit.addServiceType().addCoding(new Coding(CuraCanonical.priceListSystem(clinic), "REP", null));
        IdType appointment = create(fhir, visit);

        HttpResponse<String> generated = generate("Appointment", appointment);
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        Invoice invoice = FHIR.newJsonParser().parseResource(Invoice.class, generated.body());
        assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.DRAFT);
        assertThat(invoice.getLineItem()).hasSize(2);
        assertThat(invoice.getTotalNet().getValue()).isEqualByComparingTo("200.00");
        assertThat(invoice.getTotalGross().getValue()).isEqualByComparingTo("224.00");
        Invoice.InvoiceLineItemComponent care = invoice.getLineItem().stream()
                .filter(l -> l.getChargeItemCodeableConcept().getText().startsWith("Consultation")).findFirst()
                .orElseThrow();
        var careTax = care.getPriceComponent().stream().filter(c -> c.getType() == InvoicePriceComponentType.TAX)
                .findFirst().orElseThrow();
        assertThat(careTax.getCode().getCodingFirstRep().getCode()).isEqualTo("exempt");
        assertThat(careTax.getExtensionByUrl(CuraCanonical.VAT_EXEMPTION_EXTENSION).getValue().primitiveValue())
                .contains("Schedule 9, Group 7");

        Map<String, Object> row = linkedRow(organizationId, "invoices", "Invoice", invoice.getIdElement().getIdPart());
        assertThat((BigDecimal) row.get("tax")).isEqualByComparingTo("24.00");
        assertThat((BigDecimal) row.get("total_amount")).isEqualByComparingTo("224.00");
        assertThat(row.get("date_of_service").toString()).startsWith("2026-12-03 11:00");
        assertThat(((java.sql.Timestamp) row.get("due_date")).toLocalDateTime())
                .isEqualTo(((java.sql.Timestamp) row.get("invoice_date")).toLocalDateTime().plusDays(14));
        assertThat(row.get("items").toString()).contains("\"code\": \"CONS-30\"", "\"vatCategory\": \"standard\"",
                "\"vatRate\": 0.20");

        HttpResponse<String> again = generate("Appointment", appointment);
        assertThat(FHIR.newJsonParser().parseResource(Invoice.class, again.body()).getIdElement().getIdPart())
                .isEqualTo(invoice.getIdElement().getIdPart());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ?", Integer.class,
                organizationId)).isEqualTo(1);

        Parameters reason = new Parameters();
        reason.addParameter().setName("reason").setValue(new StringType("Wrong price"));
        assertThat(http("POST", "/" + clinic + "/Invoice/" + invoice.getIdElement().getIdPart() + "/$void",
                FHIR.newJsonParser().encodeResourceToString(reason), "application/fhir+json").statusCode())
                .isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(Invoice.class, generate("Appointment", appointment).body())
                .getIdElement().getIdPart()).as("a voided invoice is generated anew")
                .isNotEqualTo(invoice.getIdElement().getIdPart());
    }

    @Test
    void aVisitNothingOnThePriceListMatchesIsRefusedNamingWhatItIs() {
        Encounter encounter = ClinicalShapes.encounter(patient, doctor);
        IdType id = create(fhir, encounter);
        int before = jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ?", Integer.class,
                organizationId);
        HttpResponse<String> refused = generate("Encounter", id);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Encounter.type", "v3-ActCode|AMB");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ?", Integer.class,
                organizationId)).isEqualTo(before);
    }

    private HttpResponse<String> generate(String type, IdType id) {
        return http("POST", "/" + clinic + "/" + type + "/" + id.getIdPart() + "/$generate-invoice",
                FHIR.newJsonParser().encodeResourceToString(new Parameters()), "application/fhir+json");
    }

    private ChargeItemDefinition price(String code, String title, String amount, String vatCategory, Coding appliesTo) {
        ChargeItemDefinition item = new ChargeItemDefinition();
        item.setUrl("https://clinic.example/price/" + clinic + "/" + code);
        item.setStatus(Enumerations.PublicationStatus.ACTIVE);
        item.setTitle(title);
        item.getCode().addCoding(new Coding(CuraCanonical.priceListSystem(clinic), code, title));
        if (appliesTo != null) {
            item.getCode().addCoding(appliesTo);
        }
        var group = item.addPropertyGroup();
        group.addPriceComponent().setType(ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.BASE)
                .setAmount(new Money().setValue(new BigDecimal(amount)).setCurrency("GBP"));
        group.addPriceComponent().setType(ChargeItemDefinition.ChargeItemDefinitionPriceComponentType.TAX)
                .getCode().addCoding(new Coding(CuraEnums.VAT_CATEGORY.system(), vatCategory, null));
        return item;
    }
}
