package health.cura.fhir.capture;

import static health.cura.fhir.support.Eventually.await;
import static health.cura.fhir.support.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.support.ServerTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Staff, appointments, prescriptions and consents written by other software by plain JDBC appear in FHIR: each insert,
 * update and delete one version, references to rows that had no resource yet brought in first, the client's own
 * elements kept through a later SQL update, and a row that points nowhere parked with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicalRowCaptureTest extends ServerTest {

    private String clinic;
    private int clinicId;

    @BeforeAll
    void clinic() {
        clinic = newTenant("capture-clinical");
        clinicId = organizationId(clinic);
    }

    @Test
    void aStaffRowIsAPractitionerWithItsRoleAndAPortalAccountIsNone() {
        int row = insertStaff("Sqlstaff", "nurse");
        Practitioner created = await(() -> resourceOf("users", row, Practitioner.class));
        assertThat(created.getNameFirstRep().getFamily()).isEqualTo("Sqlstaff");
        assertThat(created.getMeta().getVersionId()).isEqualTo("1");
        PractitionerRole role = await(() -> resourceOf("users", row, PractitionerRole.class));
        assertThat(role.getPractitioner().getReference()).isEqualTo("Practitioner/" + created.getIdPart());
        assertThat(role.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("nurse");

        jdbc.update("UPDATE users SET last_name = 'Sqlstaff-Renamed', department = 'Triage' WHERE id = ?", row);
        Practitioner renamed = await(() -> resourceOf("users", row, Practitioner.class)
                .filter(p -> "2".equals(p.getMeta().getVersionId())));
        assertThat(renamed.getNameFirstRep().getFamily()).isEqualTo("Sqlstaff-Renamed");
        PractitionerRole moved = await(() -> resourceOf("users", row, PractitionerRole.class)
                .filter(r -> "2".equals(r.getMeta().getVersionId())));
        assertThat(moved.getExtensionString(health.cura.conformance.CuraCanonical.DEPARTMENT_EXTENSION))
                .isEqualTo("Triage");

        int portal = insertStaff("Portalpatient", "patient");
        int marker = insertStaff("Afterportal", "doctor");
        await(() -> resourceOf("users", marker, Practitioner.class));
        assertThat(linkCount("users", portal)).as("a patient's portal account is no practitioner").isZero();

        jdbc.update("DELETE FROM users WHERE id = ?", row);
        until(() -> gone(Practitioner.class, created.getIdPart()) && gone(PractitionerRole.class, role.getIdPart()));
    }

    @Test
    void anAppointmentRowReferencingRowsWithoutResourcesBringsThemInAndFollowsEachChange() {
        int patient = insertPatient("Booked");
        int provider = insertStaff("Booking", "doctor");
        int row = jdbc.queryForObject("""
                INSERT INTO appointments (organization_id, patient_id, provider_id, title, scheduled_at, duration,
                    status, type, location)
                VALUES (?, ?, ?, 'Knee review', '2026-12-03 09:30', 20, 'scheduled', 'follow_up', 'Room 2')
                RETURNING id""", Integer.class, clinicId, patient, provider);
        Appointment created = await(() -> resourceOf("appointments", row, Appointment.class));
        String patientId = await(() -> resourceOf("patients", patient, Patient.class)).getIdPart();
        assertThat(created.getParticipant()).extracting(p -> p.getActor().getReference()).contains(
                "Patient/" + patientId,
                "Practitioner/" + resourceOf("users", provider, Practitioner.class).orElseThrow().getIdPart());
        assertThat(created.getStart()).isEqualTo(java.time.Instant.parse("2026-12-03T09:30:00Z"));
        assertThat(created.getMinutesDuration()).isEqualTo(20);
        assertThat(search("Appointment?patient=Patient/" + patientId)).hasSize(1);

        created.setPriority(3);
        client(clinic).update().resource(created).execute();
        jdbc.update("UPDATE appointments SET status = 'cancelled' WHERE id = ?", row);
        Appointment cancelled = await(() -> resourceOf("appointments", row, Appointment.class)
                .filter(a -> a.getStatus() == Appointment.AppointmentStatus.CANCELLED));
        assertThat(cancelled.getMeta().getVersionId()).isEqualTo("3");
        assertThat(cancelled.getPriority()).as("the client's element survives the SQL update").isEqualTo(3);
        assertThat(cancelled.getParticipant()).as("no participant doubled").hasSize(3);

        jdbc.update("DELETE FROM appointments WHERE id = ?", row);
        until(() -> gone(Appointment.class, created.getIdPart()));
    }

    @Test
    void aPrescriptionRowIsAMedicationRequestAndKeepsAClientsIdentifier() {
        int patient = insertPatient("Prescribed");
        int doctor = insertStaff("Prescriber", "doctor");
        String number = "RXSQL" + UUID.randomUUID().toString().substring(0, 6);
        int row = jdbc.queryForObject("""
                INSERT INTO prescriptions (organization_id, patient_id, doctor_id, prescription_number,
                    medication_name, dosage, frequency, duration, quantity, status)
                VALUES (?, ?, ?, ?, 'Amoxicillin 500mg capsules', '500mg', 'three times a day', '7 days', 21,
                    'active') RETURNING id""", Integer.class, clinicId, patient, doctor, number);
        MedicationRequest created = await(() -> resourceOf("prescriptions", row, MedicationRequest.class));
        assertThat(created.getMedicationCodeableConcept().getText()).isEqualTo("Amoxicillin 500mg capsules");
        assertThat(created.getIdentifier()).extracting(Identifier::getValue).contains(number);
        assertThat(created.getDispenseRequest().getQuantity().getValue().intValue()).isEqualTo(21);

        created.addIdentifier().setSystem("https://pharmacy.example/rx").setValue("EXT-1");
        client(clinic).update().resource(created).execute();
        jdbc.update("UPDATE prescriptions SET status = 'completed' WHERE id = ?", row);
        MedicationRequest completed = await(() -> resourceOf("prescriptions", row, MedicationRequest.class)
                .filter(r -> r.getStatus() == MedicationRequest.MedicationRequestStatus.COMPLETED));
        assertThat(completed.getIdentifier()).extracting(Identifier::getValue).containsExactly(number, "EXT-1");
        assertThat(completed.getMeta().getVersionId()).isEqualTo("3");

        jdbc.update("DELETE FROM prescriptions WHERE id = ?", row);
        until(() -> gone(MedicationRequest.class, created.getIdPart()));
    }

    @Test
    void aConsentRowFollowsItsStatusAndAMalformedOneIsParkedUntilFixed() {
        int patient = insertPatient("Consenting");
        int row = jdbc.queryForObject("""
                INSERT INTO gdpr_consents (organization_id, patient_id, consent_type, status, granted_at, purpose,
                    legal_basis, data_categories)
                VALUES (?, ?, 'research', 'granted', '2026-11-01 10:00', 'Knee study', 'consent',
                    '["clinical"]'::jsonb) RETURNING id""", Integer.class, clinicId, patient);
        Consent created = await(() -> resourceOf("gdpr_consents", row, Consent.class));
        assertThat(created.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);

        jdbc.update("UPDATE gdpr_consents SET status = 'withdrawn', withdrawn_at = now() WHERE id = ?", row);
        Consent withdrawn = await(() -> resourceOf("gdpr_consents", row, Consent.class)
                .filter(c -> "2".equals(c.getMeta().getVersionId())));
        assertThat(withdrawn.getStatus()).isNotEqualTo(Consent.ConsentState.ACTIVE);

        jdbc.update("UPDATE gdpr_consents SET data_categories = '{\"not\": \"a list\"}'::jsonb WHERE id = ?", row);
        String reason = await(() -> parkedReason("gdpr_consents", row));
        assertThat(reason).contains("gdpr_consents.data_categories");
        jdbc.update("UPDATE gdpr_consents SET data_categories = '[\"clinical\", \"genetic\"]'::jsonb WHERE id = ?",
                row);
        Consent fixed = await(() -> resourceOf("gdpr_consents", row, Consent.class)
                .filter(c -> c.getProvision().getClass_().size() == 2));
        assertThat(fixed.getMeta().getVersionId()).isEqualTo("3");
        until(() -> parkedReason("gdpr_consents", row).isEmpty());
    }

    @Test
    void aLabResultRowIsAReportWithOneObservationPerResultFollowingTheRow() {
        int patient = insertPatient("Tested");
        int doctor = insertStaff("Orderer", "doctor");
        int row = jdbc.queryForObject("""
                INSERT INTO lab_results (organization_id, patient_id, ordered_by, lab_number, test_type, test_date,
                    results, status)
                VALUES (?, ?, ?, ?, 'Full blood count', '2026-11-30 08:15', ?::jsonb, 'completed') RETURNING id""",
                Integer.class, clinicId, patient, doctor, "LABSQL" + UUID.randomUUID().toString().substring(0, 6),
                "[{\"name\": \"Haemoglobin\", \"value\": 131, \"unit\": \"g/L\", \"low\": 130, \"high\": 180},"
                        + " {\"name\": \"White cells\", \"value\": 12.5, \"unit\": \"10*9/L\", \"flag\": \"H\"}]");
        org.hl7.fhir.r4.model.DiagnosticReport report = await(() -> resourceOf("lab_results", row,
                org.hl7.fhir.r4.model.DiagnosticReport.class));
        assertThat(report.getResult()).hasSize(2);
        org.hl7.fhir.r4.model.Observation whiteCells = client(clinic).read()
                .resource(org.hl7.fhir.r4.model.Observation.class)
                .withId(report.getResult().get(1).getReferenceElement().getIdPart()).execute();
        assertThat(whiteCells.getValueQuantity().getValue()).isEqualByComparingTo("12.5");
        assertThat(search("Observation?subject=Patient/" + report.getSubject().getReferenceElement().getIdPart()))
                .hasSize(2);

        jdbc.update("UPDATE lab_results SET results = '[{\"name\": \"Haemoglobin\", \"value\": 128, "
                + "\"unit\": \"g/L\"}]'::jsonb WHERE id = ?", row);
        org.hl7.fhir.r4.model.DiagnosticReport changed = await(() -> resourceOf("lab_results", row,
                org.hl7.fhir.r4.model.DiagnosticReport.class).filter(r -> r.getResult().size() == 1));
        assertThat(changed.getResult().get(0).getReference()).isEqualTo(report.getResult().get(0).getReference());
        assertThat(changed.getMeta().getVersionId()).as("one version for the one change").isEqualTo("2");
        assertThat(client(clinic).read().resource(org.hl7.fhir.r4.model.Observation.class)
                .withId(report.getResult().get(0).getReferenceElement().getIdPart()).execute().getMeta()
                .getVersionId()).as("the changed result updated in place").isEqualTo("2");
        assertThat(gone(org.hl7.fhir.r4.model.Observation.class,
                report.getResult().get(1).getReferenceElement().getIdPart())).as("the removed result").isTrue();

        jdbc.update("DELETE FROM lab_results WHERE id = ?", row);
        until(() -> gone(org.hl7.fhir.r4.model.DiagnosticReport.class, report.getIdPart())
                && gone(org.hl7.fhir.r4.model.Observation.class,
                        report.getResult().get(0).getReferenceElement().getIdPart()));
    }

    @Test
    void aConsultationRowIsAnEncounterWithItsVitalSignsAndDiagnosesFollowingTheRow() {
        int patient = insertPatient("Consulted");
        int doctor = insertStaff("Consulting", "doctor");
        int row = jdbc.queryForObject("""
                INSERT INTO consultations (organization_id, patient_id, provider_id, consultation_type,
                    chief_complaint, vitals, diagnosis, status, start_time)
                VALUES (?, ?, ?, 'AMB', 'Cough', ?::jsonb, ARRAY['Bronchitis'], 'completed', '2026-11-29 14:00')
                RETURNING id""", Integer.class, clinicId, patient, doctor,
                "{\"8867-4\": {\"name\": \"Heart rate\", \"value\": 72, \"unit\": \"/min\"},"
                        + " \"8310-5\": {\"name\": \"Body temperature\", \"value\": 37.9, \"unit\": \"Cel\"}}");
        org.hl7.fhir.r4.model.Encounter encounter = await(() -> resourceOf("consultations", row,
                org.hl7.fhir.r4.model.Encounter.class));
        String reference = "Encounter/" + encounter.getIdPart();
        assertThat(encounter.getReasonCodeFirstRep().getText()).isEqualTo("Cough");
        assertThat(search("Observation?encounter=" + reference)).hasSize(2);
        assertThat(search("Condition?encounter=" + reference)).hasSize(1);

        jdbc.update("UPDATE consultations SET vitals = '{\"8867-4\": {\"name\": \"Heart rate\", \"value\": 88, "
                + "\"unit\": \"/min\"}}'::jsonb, diagnosis = ARRAY['Bronchitis', 'Asthma'] WHERE id = ?", row);
        await(() -> Optional.of(search("Observation?encounter=" + reference)).filter(found -> found.size() == 1
                && ((org.hl7.fhir.r4.model.Observation) found.get(0).getResource()).getValueQuantity().getValue()
                        .intValue() == 88));
        until(() -> search("Condition?encounter=" + reference).size() == 2);
        org.hl7.fhir.r4.model.Observation heartRate = (org.hl7.fhir.r4.model.Observation)
                search("Observation?encounter=" + reference).get(0).getResource();
        assertThat(heartRate.getMeta().getVersionId()).as("the heart rate updated in place, once").isEqualTo("2");
        assertThat(resourceOf("consultations", row, org.hl7.fhir.r4.model.Encounter.class).orElseThrow().getMeta()
                .getVersionId()).as("the encounter's own elements did not change").isEqualTo("1");

        jdbc.update("DELETE FROM consultations WHERE id = ?", row);
        until(() -> gone(org.hl7.fhir.r4.model.Encounter.class, encounter.getIdPart())
                && search("Observation?encounter=" + reference).isEmpty()
                && search("Condition?encounter=" + reference).isEmpty());
    }

    @Test
    void anImageRowIsAStudyWithTheDocumentReferenceOfItsFile() {
        int patient = insertPatient("Imaged");
        int radiographer = insertStaff("Radiographer", "doctor");
        int row = jdbc.queryForObject("""
                INSERT INTO medical_images (organization_id, patient_id, uploaded_by, imaging_type, study_date,
                    body_part, modality, file_name, file_path, file_size, mime_type, status)
                VALUES (?, ?, ?, 'x-ray', '2026-11-28 10:00', 'Left knee', 'DX', 'knee.dcm',
                    'https://pacs.clinic.example/knee.dcm', 524288, 'application/dicom', 'active') RETURNING id""",
                Integer.class, clinicId, patient, radiographer);
        org.hl7.fhir.r4.model.ImagingStudy study = applied("medical_images", row,
                org.hl7.fhir.r4.model.ImagingStudy.class);
        String related = "ImagingStudy/" + study.getIdPart();
        org.hl7.fhir.r4.model.DocumentReference file = await(() -> search("DocumentReference?related=" + related)
                .stream().findFirst().map(e -> (org.hl7.fhir.r4.model.DocumentReference) e.getResource()));
        assertThat(file.getContentFirstRep().getAttachment().getUrl()).isEqualTo("https://pacs.clinic.example/knee.dcm");

        jdbc.update("UPDATE medical_images SET finding = 'No fracture' WHERE id = ?", row);
        org.hl7.fhir.r4.model.ImagingStudy reported = await(() -> resourceOf("medical_images", row,
                org.hl7.fhir.r4.model.ImagingStudy.class).filter(s -> s.hasNote()));
        assertThat(reported.getNoteFirstRep().getText()).isEqualTo("No fracture");
        assertThat(search("DocumentReference?related=" + related)).as("the file not doubled").hasSize(1);
        assertThat(reported.getMeta().getVersionId()).isEqualTo("2");
        assertThat(search("DocumentReference?related=" + related).get(0).getResource().getMeta().getVersionId())
                .as("the file did not change").isEqualTo("1");

        jdbc.update("DELETE FROM medical_images WHERE id = ?", row);
        until(() -> gone(org.hl7.fhir.r4.model.ImagingStudy.class, study.getIdPart())
                && gone(org.hl7.fhir.r4.model.DocumentReference.class, file.getIdPart()));
    }

    @Test
    void aClinicRenamedBySqlRenamesItsOrganizationInOneVersion() {
        String before = resourceOf("organizations", clinicId, org.hl7.fhir.r4.model.Organization.class)
                .orElseThrow().getMeta().getVersionId();
        jdbc.update("UPDATE organizations SET name = 'Renamed by the EMR' WHERE id = ?", clinicId);
        org.hl7.fhir.r4.model.Organization renamed = await(() -> resourceOf("organizations", clinicId,
                org.hl7.fhir.r4.model.Organization.class).filter(o -> "Renamed by the EMR".equals(o.getName())));
        assertThat(renamed.getIdentifierFirstRep().getValue()).isEqualTo(clinic);
        assertThat(renamed.getActive()).isTrue();
        assertThat(Integer.parseInt(renamed.getMeta().getVersionId())).isEqualTo(Integer.parseInt(before) + 1);
    }

    @Test
    void aRowPointingAtARowOfAnotherClinicIsParkedWithTheColumnNamed() {
        int doctor = insertStaff("Nowhere", "doctor");
        int strangersPatient = jdbc.queryForObject("INSERT INTO patients (organization_id, patient_id, first_name, "
                + "last_name) VALUES (?, ?, 'Other', 'Clinic') RETURNING id", Integer.class,
                organizationId(newTenant("capture-stranger")), "PX" + UUID.randomUUID().toString().substring(0, 8));
        int row = jdbc.queryForObject("""
                INSERT INTO appointments (organization_id, patient_id, provider_id, title, scheduled_at)
                VALUES (?, ?, ?, 'Ghost', '2026-12-04 11:00') RETURNING id""", Integer.class, clinicId,
                strangersPatient, doctor);
        String reason = await(() -> parkedReason("appointments", row));
        assertThat(reason).contains("appointments.patient_id");
        assertThat(linkCount("appointments", row)).isZero();
    }

    private int insertPatient(String lastName) {
        return jdbc.queryForObject("INSERT INTO patients (organization_id, patient_id, first_name, last_name) "
                + "VALUES (?, ?, 'Row', ?) RETURNING id", Integer.class, clinicId,
                "PS" + UUID.randomUUID().toString().substring(0, 8), lastName);
    }

    private int insertStaff(String lastName, String role) {
        String username = lastName.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        return jdbc.queryForObject("""
                INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role)
                VALUES (?, ?, ?, 'x', 'Sam', ?, ?) RETURNING id""", Integer.class, clinicId,
                username + "@clinic.example", username, lastName, role);
    }

    private <T extends IBaseResource> Optional<T> resourceOf(String table, int row, Class<T> type) {
        return jdbc.queryForList("SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND "
                        + "table_name = ? AND row_id = ? AND resource_type = ?", String.class, clinicId, table, row,
                        type.getSimpleName()).stream().findFirst()
                .map(id -> client(clinic).read().resource(type).withId(id).execute());
    }

    /** The row's resource once applied; a parked row fails at once, with its reason. */
    private <T extends IBaseResource> T applied(String table, int row, Class<T> type) {
        return await(() -> {
            parkedReason(table, row).ifPresent(reason -> {
                throw new AssertionError(table + " row " + row + " parked: " + reason);
            });
            return resourceOf(table, row, type);
        });
    }

    private int linkCount(String table, int row) {
        return jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? AND "
                + "table_name = ? AND row_id = ?", Integer.class, clinicId, table, row);
    }

    private Optional<String> parkedReason(String table, int row) {
        return jdbc.queryForList("SELECT reason FROM cura_parked_changes WHERE table_name = ? AND row_id = ?",
                String.class, table, row).stream().findFirst();
    }

    private boolean gone(Class<? extends IBaseResource> type, String id) {
        try {
            client(clinic).read().resource(type).withId(id).execute();
            return false;
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return true;
        }
    }

    private List<Bundle.BundleEntryComponent> search(String query) {
        // not HAPI's cached answer to the same search a moment ago: the test waits for it to change
        return client(clinic).search().byUrl(query).returnBundle(Bundle.class)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute().getEntry();
    }
}
