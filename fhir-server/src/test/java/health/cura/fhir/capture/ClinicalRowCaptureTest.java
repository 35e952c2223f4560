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
        return client(clinic).search().byUrl(query).returnBundle(Bundle.class).execute().getEntry();
    }
}
