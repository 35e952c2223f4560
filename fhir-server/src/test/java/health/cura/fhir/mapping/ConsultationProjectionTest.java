package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Encounter + vital signs + diagnoses ⇄ {@code consultations}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsultationProjectionTest extends ServerTest {

    private static final String LOINC = "http://loinc.org";

    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private IdType doctor;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("consult");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        doctor = createPractitioner(fhir, "Reid");
        patient = createPatient(fhir, "Walker");
    }

    @Test
    void encounterWithItsVitalsAndDiagnosisIsOneRowThatLaterVitalsUpdate() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(patient));
        encounter.addParticipant().setIndividual(new Reference(doctor));
        encounter.getPeriod().setStartElement(new DateTimeType("2026-11-02T09:00:00Z"))
                .setEndElement(new DateTimeType("2026-11-02T09:20:00Z"));
        encounter.addReasonCode().setText("Persistent cough");
        Reference visit = add(bundle, encounter);
        Observation pressure = vital(visit, "85354-9", "Blood pressure panel", null, null);
        pressure.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8480-6", "Systolic")))
                .setValue(new Quantity().setValue(132).setUnit("mm[Hg]"));
        pressure.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8462-4", "Diastolic")))
                .setValue(new Quantity().setValue(84).setUnit("mm[Hg]"));
        add(bundle, pressure);
        add(bundle, vital(visit, "8867-4", "Heart rate", "72", "/min"));
        Condition bronchitis = new Condition();
        bronchitis.setCode(new CodeableConcept().setText("Acute bronchitis"));
        bronchitis.setSubject(new Reference(patient));
        bronchitis.setEncounter(visit);
        add(bundle, bronchitis);
        MedicationRequest prescription = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        prescription.setMedication(new CodeableConcept().setText("Amoxicillin 500mg capsules"));
        prescription.setSubject(new Reference(patient));
        prescription.setRequester(new Reference(doctor));
        prescription.setEncounter(visit);
        add(bundle, prescription);

        Bundle response = fhir.transaction().withBundle(bundle).execute();
        String encounterId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();

        Map<String, Object> row = row(encounterId);
        assertThat(row).containsEntry("consultation_type", "AMB").containsEntry("status", "completed")
                .containsEntry("duration", 20).containsEntry("chief_complaint", "Persistent cough")
                .containsEntry("provider_id", rowId(organizationId, "Practitioner", doctor.getIdPart()))
                .containsEntry("patient_id", rowId(organizationId, "Patient", patient.getIdPart()));
        assertThat(row.get("diagnosis").toString()).isEqualTo("{\"Acute bronchitis\"}");
        assertThat(vital(row.get("id"), "8480-6")).isEqualByComparingTo("132");
        assertThat(vital(row.get("id"), "8867-4")).isEqualByComparingTo("72");
        assertThat(jdbc.queryForObject("SELECT consultation_id FROM prescriptions WHERE organization_id = ? "
                + "AND medication_name = 'Amoxicillin 500mg capsules'", Integer.class, organizationId))
                .isEqualTo(row.get("id"));

        fhir.create().resource(vital(new Reference("Encounter/" + encounterId), "8310-5", "Body temperature",
                "37.9", "Cel")).execute();
        assertThat(vital(row.get("id"), "8310-5")).isEqualByComparingTo("37.9");
    }

    @Test
    void encounterOfNoPatientIsRefused() {
        // a consultation row is a patient's; an encounter naming no clinician is the unnamed clinician's (UkCoreShapesTest)
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        encounter.getPeriod().setStartElement(new DateTimeType("2026-11-03T09:00:00Z"));
        HttpResponse<String> response = postJson("/" + tenant + "/Encounter",
                FHIR.newJsonParser().encodeResourceToString(encounter));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Encounter.subject");
    }

    private Observation vital(Reference encounter, String code, String name, String value, String unit) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs"));
        observation.setCode(new CodeableConcept().setText(name).addCoding(new Coding(LOINC, code, name)));
        observation.setSubject(new Reference(patient));
        observation.setEncounter(encounter);
        observation.setEffective(new DateTimeType("2026-11-02T09:05:00Z"));
        if (value != null) {
            observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        }
        return observation;
    }

    private BigDecimal vital(Object rowId, String code) {
        return jdbc.queryForObject("SELECT (vitals -> ? ->> 'value')::numeric FROM consultations WHERE id = ?",
                BigDecimal.class, code, rowId);
    }

    private static Reference add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return new Reference(fullUrl);
    }

    private Map<String, Object> row(String resourceId) {
        return linkedRow(organizationId, "consultations", "Encounter", resourceId);
    }
}
