package health.cura.fhir.standards;

import static health.cura.fhir.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ordinary UK Core shapes that name less than a Cura row needs are accepted, written and read back, the row filled by
 * the documented rules (finding 2): a lab's report, a referred study, a role at an organization, a prescription of a
 * Medication resource, a prescriber or clinician named by role or not at all, an appointment or encounter with no time
 * yet; in JSON and XML where the shape is new.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkCoreShapesTest extends ServerTest {

    private final ClinicalShapes shapes = new ClinicalShapes(202);
    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private Reference patient;
    private Reference laboratory;
    private Reference doctor;

    @BeforeAll
    void clinic() {
        tenant = newTenant("ukcore-shapes");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        patient = new Reference(create(fhir, shapes.patient("Shapely")));
        laboratory = new Reference(create(fhir, ClinicalShapes.laboratory("Royal Pathology Laboratory")));
        doctor = new Reference(create(fhir, ClinicalShapes.practitioner("Prescott")));
    }

    @Test
    void aReportPerformedByALaboratoryIsStoredAgainstTheUnnamedClinicianAndKeepsItsLaboratory() {
        IdType id = create(fhir, ClinicalShapes.labReport(patient, laboratory));

        DiagnosticReport stored = fhir.read().resource(DiagnosticReport.class).withId(id).execute();
        assertThat(stored.getPerformer()).extracting(Reference::getReference)
                .containsExactly(laboratory.getReference());
        Map<String, Object> row = linkedRow(organizationId, "lab_results", "DiagnosticReport", id.getIdPart());
        assertThat(row).containsEntry("test_type", "Full blood count");
        assertUnnamedClinician((Integer) row.get("ordered_by"));

        // other software reviews the result: the report changes, still performed by the laboratory alone
        jdbc.update("UPDATE lab_results SET status = 'reviewed', notes = 'Seen by GP' WHERE id = ?", row.get("id"));
        DiagnosticReport reviewed = await(() -> Optional.of(fhir.read().resource(DiagnosticReport.class).withId(id)
                .cacheControl(new CacheControlDirective().setNoCache(true)).execute())
                .filter(r -> "Seen by GP".equals(r.getConclusion())));
        assertThat(reviewed.getPerformer()).extracting(Reference::getReference)
                .containsExactly(laboratory.getReference());
    }

    @Test
    void aStudyNamingNoClinicianIsStoredAgainstTheUnnamedClinician() {
        ImagingStudy study = ClinicalShapes.imagingStudy(patient);

        IdType id = create(fhir, study);

        ImagingStudy stored = fhir.read().resource(ImagingStudy.class).withId(id).execute();
        assertThat(stored.getInterpreter()).isEmpty();
        assertThat(stored.getSeriesFirstRep().getModality().getCode()).isEqualTo("DX");
        Map<String, Object> row = linkedRow(organizationId, "medical_images", "ImagingStudy", id.getIdPart());
        assertThat(row).containsEntry("imaging_type", "x-ray").containsEntry("body_part", "Thorax");
        assertUnnamedClinician((Integer) row.get("uploaded_by"));
    }

    @Test
    void aRoleAtAnOrganizationNamingNoPractitionerIsKeptInFhirAlone() {
        int staffBefore = staffRows();

        IdType id = create(fhir, ClinicalShapes.role(null, laboratory));

        PractitionerRole stored = fhir.read().resource(PractitionerRole.class).withId(id).execute();
        assertThat(stored.getOrganization().getReference()).isEqualTo(laboratory.getReference());
        assertThat(stored.hasPractitioner()).isFalse();
        assertThat(staffRows()).isEqualTo(staffBefore);
    }

    @Test
    void aPrescriptionOfAStoredMedicationIsNamedByTheMedicationsCode() {
        Medication medication = new Medication();
        medication.setCode(new CodeableConcept().addCoding(new Coding("https://dmd.nhs.uk", "39732311000001104",
                "Amoxicillin 250mg capsules")));
        Reference amoxicillin = new Reference(create(fhir, medication));
        MedicationRequest request = ClinicalShapes.prescription(patient, doctor);
        request.setMedication(amoxicillin);

        IdType id = create(fhir, request);

        MedicationRequest stored = fhir.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(stored.getMedicationReference().getReference()).isEqualTo(amoxicillin.getReference());
        assertThat(linkedRow(organizationId, "prescriptions", "MedicationRequest", id.getIdPart()))
                .containsEntry("medication_name", "Amoxicillin 250mg capsules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aPrescriptionSayingNothingOfSubstitutionStatesWhatR4ReadsItAsAndClaimsUkCore(String format) {
        IGenericClient client = speaking(format);
        MedicationRequest request = ClinicalShapes.prescription(patient, doctor);
        assertThat(request.hasSubstitution()).isFalse();

        IdType id = create(client, request);

        MedicationRequest stored = client.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(stored.getSubstitution().getAllowedBooleanType().booleanValue()).isTrue();
        assertThat(stored.getMeta().getProfile()).extracting(p -> p.getValue())
                .contains(health.cura.conformance.UkCore.profile("MedicationRequest"),
                        health.cura.conformance.CuraCanonical.profile("cura-medication-request"));
    }

    @Test
    void aPrescriptionThatForbidsSubstitutionKeepsItsWord() {
        MedicationRequest request = ClinicalShapes.prescription(patient, doctor);
        request.getSubstitution().setAllowed(new org.hl7.fhir.r4.model.BooleanType(false));

        IdType id = create(fhir, request);

        MedicationRequest stored = fhir.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(stored.getSubstitution().getAllowedBooleanType().booleanValue()).isFalse();
    }

    @Test
    void aPrescriptionOfAContainedMedicationIsNamedByItsCode() {
        MedicationRequest request = ClinicalShapes.prescription(patient, doctor);
        Medication contained = new Medication();
        contained.setId("med");
        contained.setCode(new CodeableConcept().setText("Salbutamol 100micrograms/dose inhaler"));
        request.addContained(contained);
        request.setMedication(new Reference("#med"));

        IdType id = create(fhir, request);

        assertThat(linkedRow(organizationId, "prescriptions", "MedicationRequest", id.getIdPart()))
                .containsEntry("medication_name", "Salbutamol 100micrograms/dose inhaler");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aPrescriptionByARoleIsStoredAgainstThePractitionerOfTheRole(String format) {
        IGenericClient client = speaking(format);
        // a staff member's first role is linked to the row; a second one is found through its practitioner
        create(client, ClinicalShapes.role(doctor, null));
        Reference role = new Reference(create(client, ClinicalShapes.role(doctor, laboratory)));

        IdType id = create(client, ClinicalShapes.prescription(patient, role));

        MedicationRequest stored = client.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(stored.getRequester().getReference()).isEqualTo(role.getReference());
        assertThat(linkedRow(organizationId, "prescriptions", "MedicationRequest", id.getIdPart()))
                .containsEntry("doctor_id", doctorRow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aPrescriptionByAnOrganizationIsStoredAgainstTheUnnamedClinicianAndKeepsItsRequester(String format) {
        IGenericClient client = speaking(format);

        IdType id = create(client, ClinicalShapes.prescription(patient, laboratory));

        Map<String, Object> row = linkedRow(organizationId, "prescriptions", "MedicationRequest", id.getIdPart());
        assertUnnamedClinician((Integer) row.get("doctor_id"));
        // other software adds a note: the prescription changes and still names the organization alone
        jdbc.update("UPDATE prescriptions SET notes = 'Checked by the pharmacist' WHERE id = ?", row.get("id"));
        MedicationRequest checked = await(() -> Optional.of(client.read().resource(MedicationRequest.class)
                        .withId(id).cacheControl(new CacheControlDirective().setNoCache(true)).execute())
                .filter(r -> r.getNote().stream().anyMatch(n -> "Checked by the pharmacist".equals(n.getText()))));
        assertThat(checked.getRequester().getReference()).isEqualTo(laboratory.getReference());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void anEncounterWithARoleOrWithNoClinicianIsAConsultationOfThePractitionerOrTheUnnamedClinician(String format) {
        IGenericClient client = speaking(format);
        Reference role = new Reference(create(client, ClinicalShapes.role(doctor, laboratory)));
        Encounter unattended = ClinicalShapes.encounter(patient, doctor);
        unattended.setParticipant(new ArrayList<>());

        IdType byRole = create(client, ClinicalShapes.encounter(patient, role));
        IdType byNoOne = create(client, unattended);

        assertThat(linkedRow(organizationId, "consultations", "Encounter", byRole.getIdPart()))
                .containsEntry("provider_id", doctorRow());
        assertUnnamedClinician((Integer) linkedRow(organizationId, "consultations", "Encounter", byNoOne.getIdPart())
                .get("provider_id"));
        assertThat(client.read().resource(Encounter.class).withId(byNoOne).execute().getParticipant()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aProposedAppointmentWithNoTimeLivesInFhirAloneUntilItIsBooked(String format) {
        IGenericClient client = speaking(format);
        Reference role = new Reference(create(client, ClinicalShapes.role(doctor, laboratory)));
        Appointment proposed = ClinicalShapes.appointment(patient, role).setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.setStart(null).setEnd(null);

        IdType id = create(client, proposed);

        assertThat(links("Appointment", id)).isZero();
        Appointment stored = client.read().resource(Appointment.class).withId(id).execute();
        stored.setStatus(Appointment.AppointmentStatus.BOOKED);
        stored.setStartElement(new InstantType("2026-12-10T09:30:00Z"));
        stored.setEndElement(new InstantType("2026-12-10T09:45:00Z"));
        client.update().resource(stored).execute();
        assertThat(linkedRow(organizationId, "appointments", "Appointment", id.getIdPart()))
                .containsEntry("provider_id", doctorRow()).containsEntry("status", "scheduled");
    }

    @Test
    void aPlannedEncounterWithNoStartLivesInFhirAlone() {
        Encounter planned = ClinicalShapes.encounter(patient, doctor).setStatus(Encounter.EncounterStatus.PLANNED);
        planned.setPeriod(null);

        IdType id = create(fhir, planned);

        assertThat(links("Encounter", id)).isZero();
        assertThat(fhir.read().resource(Encounter.class).withId(id).execute().getStatus())
                .isEqualTo(Encounter.EncounterStatus.PLANNED);
    }

    private IGenericClient speaking(String format) {
        IGenericClient client = client(tenant);
        client.setEncoding("xml".equals(format) ? EncodingEnum.XML : EncodingEnum.JSON);
        return client;
    }

    private int doctorRow() {
        return rowId(organizationId, "Practitioner", new IdType(doctor.getReference()).getIdPart());
    }

    private int links(String type, IdType id) {
        return jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? "
                + "AND resource_type = ? AND resource_id = ?", Integer.class, organizationId, type, id.getIdPart());
    }

    private void assertUnnamedClinician(int userRow) {
        Map<String, Object> user = jdbc.queryForMap(
                "SELECT organization_id, username, is_active FROM users WHERE id = ?", userRow);
        assertThat(user).containsEntry("organization_id", organizationId)
                .containsEntry("username", UnnamedClinician.USERNAME).containsEntry("is_active", false);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE table_name = 'users' "
                + "AND row_id = ?", Integer.class, userRow)).isZero();
    }

    private int staffRows() {
        return jdbc.queryForObject("SELECT count(*) FROM users WHERE organization_id = ?", Integer.class,
                organizationId);
    }
}
