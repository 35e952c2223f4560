package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Consent ⇄ {@code gdpr_consents}: what a patient agreed to, on what basis, and when it was withdrawn. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentProjectionTest extends ServerTest {

    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("consents");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        patient = createPatient(fhir, "Hall");
    }

    @Test
    void grantedMarketingConsentIsRecordedAndItsWithdrawalTimed() {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.addPolicy().setUri(PRIVACY_NOTICE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE, "patient-privacy", null)));
        consent.addCategory().addCoding(new Coding(CuraEnums.CONSENT_TYPE.system(), "marketing", null));
        consent.setPatient(new Reference(patient));
        consent.getProvision().getPeriod().setStartElement(new DateTimeType("2026-06-01T12:00:00Z"))
                .setEndElement(new DateTimeType("2027-06-01T12:00:00Z"));
        consent.getProvision().addPurpose(new Coding().setDisplay("Newsletter about clinic services"));
        consent.getProvision().addClass_(new Coding().setCode("contact"));
        IdType id = create(fhir, consent);

        Map<String, Object> row = row(id.getIdPart());
        assertThat(row).containsEntry("consent_type", "marketing").containsEntry("status", "granted")
                .containsEntry("legal_basis", "consent").containsEntry("purpose", "Newsletter about clinic services")
                .containsEntry("withdrawn_at", null);
        assertThat(row.get("granted_at").toString()).startsWith("2026-06-01 12:00");
        assertThat(row.get("expires_at").toString()).startsWith("2027-06-01 12:00");
        assertThat(row.get("data_categories").toString()).isEqualTo("[\"contact\"]");

        Consent withdrawn = fhir.read().resource(Consent.class).withId(id).execute();
        withdrawn.setStatus(Consent.ConsentState.INACTIVE);
        fhir.update().resource(withdrawn).execute();
        Map<String, Object> after = row(id.getIdPart());
        assertThat(after).containsEntry("status", "withdrawn");
        assertThat(after.get("withdrawn_at")).isNotNull();
    }

    @Test
    void deletingAConsentWithdrawsItAndKeepsTheRecord() {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.addPolicy().setUri(PRIVACY_NOTICE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE, "research", null)));
        consent.addCategory().addCoding(new Coding("http://loinc.org", "59284-0", null));
        consent.setPatient(new Reference(patient));
        IdType id = create(fhir, consent);

        fhir.delete().resourceById(id).execute();

        Map<String, Object> row = row(id.getIdPart());
        assertThat(row).containsEntry("consent_type", "research").containsEntry("status", "withdrawn");
        assertThat(row.get("withdrawn_at")).isNotNull();
    }

    @Test
    void consentForNoPatientOfTheClinicIsRefused() {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.addPolicy().setUri(PRIVACY_NOTICE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE, "research", null)));
        consent.addCategory().addCoding(new Coding("http://loinc.org", "59284-0", null));
        HttpResponse<String> response = postJson("/" + tenant + "/Consent",
                FHIR.newJsonParser().encodeResourceToString(consent));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Consent.patient");
    }

    /** R4 asks every Consent for a policy or policy rule (ppc-1). */
    private static final String PRIVACY_NOTICE = "https://clinic.example/privacy-notice";

    private Map<String, Object> row(String resourceId) {
        return linkedRow(organizationId, "gdpr_consents", "Consent", resourceId);
    }
}
