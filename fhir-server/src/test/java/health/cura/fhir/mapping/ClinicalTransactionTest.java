package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ServerTest;
import health.cura.mappings.patient.NhsNumber;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** MedicationRequest ⇄ {@code prescriptions}, and transaction bundles of mixed types: all tables or none. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicalTransactionTest extends ServerTest {

    private final Random random = new Random(7);
    private String tenant;
    private int organizationId;
    private IGenericClient fhir;

    @BeforeAll
    void clinic() {
        tenant = newTenant("bundles");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
    }

    @Test
    void mixedTransactionLandsInEveryTable() {
        Bundle bundle = clinicDay("Allsaints", true);
        Bundle response = fhir.transaction().withBundle(bundle).execute();
        assertThat(response.getEntry()).hasSize(4).allMatch(e -> e.getResponse().getStatus().startsWith("201"));

        String patientId = new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart();
        String requestId = new IdType(response.getEntry().get(3).getResponse().getLocation()).getIdPart();
        assertThat(count("users", "last_name = 'Allsaints-GP'")).isEqualTo(1);
        assertThat(count("patients", "last_name = 'Allsaints'")).isEqualTo(1);
        assertThat(count("appointments", "title = 'Allsaints visit'")).isEqualTo(1);
        Map<String, Object> prescription = jdbc.queryForMap("""
                SELECT p.*, pt.last_name AS patient_name, u.last_name AS doctor_name FROM prescriptions p
                JOIN patients pt ON pt.id = p.patient_id JOIN users u ON u.id = p.doctor_id
                JOIN fhir_resource_links l ON l.row_id = p.id AND l.table_name = 'prescriptions'
                WHERE l.organization_id = ? AND l.resource_id = ?""", organizationId, requestId);
        assertThat(prescription).containsEntry("medication_name", "Amoxicillin 500mg capsules")
                .containsEntry("dosage", "One capsule three times a day").containsEntry("quantity", 21)
                .containsEntry("refills", 0).containsEntry("status", "active")
                .containsEntry("patient_name", "Allsaints").containsEntry("doctor_name", "Allsaints-GP");
        assertThat((String) prescription.get("prescription_number")).matches("RX\\d{6}");

        MedicationRequest stored = fhir.read().resource(MedicationRequest.class).withId(requestId).execute();
        assertThat(stored.getIdentifier()).anyMatch(i -> i.getSystem().equals(
                CuraCanonical.prescriptionNumberSystem(tenant))
                && i.getValue().equals(prescription.get("prescription_number")));

        Bundle everything = FHIR.newJsonParser().parseResource(Bundle.class,
                get("/" + tenant + "/Patient/" + patientId + "/$everything").body());
        assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Appointment", "MedicationRequest", "Practitioner");
    }

    /** References resolve to rows whatever the order of the entries: here everything points forward. */
    @Test
    void entriesThatReferToLaterEntriesLandToo() {
        Bundle forward = clinicDay("Forward", true);
        java.util.Collections.reverse(forward.getEntry());

        Bundle response = fhir.transaction().withBundle(forward).execute();

        assertThat(response.getEntry()).allMatch(e -> e.getResponse().getStatus().startsWith("201"));
        assertThat(count("patients", "last_name = 'Forward'")).isEqualTo(1);
        assertThat(count("users", "last_name = 'Forward-GP'")).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM prescriptions p JOIN patients pt ON pt.id = p.patient_id
                JOIN appointments a ON a.patient_id = pt.id JOIN users u ON u.id = a.provider_id
                WHERE p.organization_id = ? AND pt.last_name = 'Forward' AND u.last_name = 'Forward-GP'
                  AND a.title = 'Forward visit'""", Integer.class, organizationId)).isEqualTo(1);
    }

    @Test
    void oneUnmappableEntryRollsBackEveryTableAndResource() {
        Bundle bundle = clinicDay("Rollbacker", false);

        HttpResponse<String> response = postJson("/" + tenant, FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(diagnostics(response.body())).contains("MedicationRequest.medication");
        assertThat(count("users", "last_name = 'Rollbacker-GP'")).isZero();
        assertThat(count("patients", "last_name = 'Rollbacker'")).isZero();
        assertThat(count("appointments", "title = 'Rollbacker visit'")).isZero();
        assertThat(entries(get("/" + tenant + "/Patient?family=Rollbacker").body())).isEmpty();
        assertThat(entries(get("/" + tenant + "/Practitioner?family=Rollbacker-GP").body())).isEmpty();
    }

    @Test
    void patientsPrescriptionsNewestFirstAndDeleteCancels() {
        Bundle response = fhir.transaction().withBundle(clinicDay("Newest", true)).execute();
        IdType patient = new IdType(response.getEntry().get(1).getResponse().getLocation()).toUnqualifiedVersionless();
        IdType doctor = new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless();
        for (String day : List.of("2026-01-05", "2026-03-05", "2026-02-05")) {
            MedicationRequest request = prescription(new Reference(patient), new Reference(doctor));
            request.setAuthoredOnElement(new DateTimeType(day + "T10:00:00Z"));
            request.setMedication(new CodeableConcept().setText("Medicine of " + day));
            fhir.create().resource(request).execute();
        }

        Bundle newest = FHIR.newJsonParser().parseResource(Bundle.class, get("/" + tenant
                + "/MedicationRequest?subject=" + patient.getValue() + "&authoredon=ge2026-01-01&_sort=-authoredon")
                .body());
        assertThat(newest.getEntry()).extracting(e -> ((MedicationRequest) e.getResource())
                .getMedicationCodeableConcept().getText())
                .containsExactly("Medicine of 2026-03-05", "Medicine of 2026-02-05", "Medicine of 2026-01-05");

        String id = newest.getEntryFirstRep().getResource().getIdElement().getIdPart();
        fhir.delete().resourceById("MedicationRequest", id).execute();
        assertThat(jdbc.queryForObject("""
                SELECT p.status FROM prescriptions p JOIN fhir_resource_links l
                  ON l.row_id = p.id AND l.table_name = 'prescriptions' AND l.organization_id = p.organization_id
                WHERE l.organization_id = ? AND l.resource_id = ?""", String.class, organizationId, id))
                .isEqualTo("cancelled");
    }

    /** A practitioner, a patient, an appointment and a prescription, linked by urn:uuid references. */
    private Bundle clinicDay(String family, boolean medicineNamed) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Practitioner gp = new Practitioner();
        gp.addName().setFamily(family + "-GP").addGiven("Sam");
        Reference doctor = add(bundle, gp);
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven("Lee");
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(NhsNumber.randomTestNumber(random));
        Reference person = add(bundle, patient);
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setDescription(family + " visit");
        appointment.setStartElement(new InstantType("2026-12-03T11:00:00Z"));
        appointment.setEndElement(new InstantType("2026-12-03T11:10:00Z"));
        appointment.setMinutesDuration(10);
        appointment.addParticipant().setActor(person).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(doctor).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        add(bundle, appointment);
        MedicationRequest request = prescription(person, doctor);
        if (!medicineNamed) {
            // valid FHIR (a code alone), but no name for prescriptions.medication_name: the mapper refuses it
            request.setMedication(new CodeableConcept().addCoding(new Coding("https://dmd.nhs.uk", "39732311000001104",
                    null)));
        }
        add(bundle, request);
        return bundle;
    }

    private static MedicationRequest prescription(Reference patient, Reference doctor) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().setText("Amoxicillin 500mg capsules"));
        request.setSubject(patient);
        request.setRequester(doctor);
        request.addDosageInstruction().setText("One capsule three times a day");
        request.getDispenseRequest().setQuantity(new Quantity().setValue(21)).setNumberOfRepeatsAllowed(0);
        return request;
    }

    private static Reference add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return new Reference(fullUrl);
    }

    private int count(String table, String condition) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE organization_id = ? AND " + condition,
                Integer.class, organizationId);
    }
}
