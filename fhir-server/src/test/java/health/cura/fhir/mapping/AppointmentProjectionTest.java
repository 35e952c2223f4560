package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.mapping.practitioner.PractitionerProjection;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Practitioner ⇄ {@code users} and Appointment ⇄ {@code appointments}, and the diary's query patterns. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentProjectionTest extends ServerTest {

    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private IdType doctor;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("diary");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily("Sharma").addGiven("Anika");
        practitioner.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("a.sharma@clinic.test");
        doctor = create(fhir, practitioner);
        Patient person = new Patient();
        person.addName().setFamily("Evans").addGiven("Ruth");
        patient = create(fhir, person);
    }

    @Test
    void practitionerCreatedThroughFhirGetsAUsersRowThatCannotSignIn() {
        Map<String, Object> user = linkedRow(organizationId, "users", "Practitioner", doctor.getIdPart());
        assertThat(user).containsEntry("last_name", "Sharma").containsEntry("first_name", "Anika")
                .containsEntry("email", "a.sharma@clinic.test").containsEntry("role", "doctor")
                .containsEntry("password_hash", PractitionerProjection.NO_PASSWORD)
                .containsEntry("username", "fhir-" + doctor.getIdPart()).containsEntry("is_active", true);
    }

    @Test
    void practitionerWithAStaffUsernameIsLinkedToThatAccount() {
        // an account from before the server ran, which no change capture has brought into FHIR
        unseenBySql(() -> jdbc.update("""
                INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role)
                VALUES (?, 'nurse@clinic.test', 'j.reid', '$2a$10$existinghash', 'Jo', 'Reid', 'nurse')""",
                organizationId));
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(CuraCanonical.staffUsernameSystem(tenant)).setValue("j.reid");
        practitioner.addName().setFamily("Reid").addGiven("Joanna");
        String id = fhir.create().resource(practitioner).execute().getId().getIdPart();

        Map<String, Object> user = linkedRow(organizationId, "users", "Practitioner", id);
        assertThat(user).containsEntry("username", "j.reid").containsEntry("first_name", "Joanna")
                .containsEntry("role", "nurse").containsEntry("password_hash", "$2a$10$existinghash");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE organization_id = ? AND username = 'j.reid'",
                Integer.class, organizationId)).isEqualTo(1);
    }

    @Test
    void practitionerRoleSetsRoleDepartmentSpecialtyAndWorkingTimes() {
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily("Hughes");
        IdType nurse = create(fhir, practitioner);
        PractitionerRole role = new PractitionerRole().setPractitioner(new Reference(nurse));
        role.addCode().addCoding(new Coding(CuraEnums.PRACTITIONER_ROLE, "nurse", null));
        role.addExtension(CuraCanonical.DEPARTMENT_EXTENSION, new StringType("Minor injuries"));
        role.addSpecialty().setText("Emergency nursing");
        role.addAvailableTime().addDaysOfWeek(PractitionerRole.DaysOfWeek.MON)
                .addDaysOfWeek(PractitionerRole.DaysOfWeek.TUE)
                .setAvailableStartTime("08:30:00").setAvailableEndTime("16:30:00");
        fhir.create().resource(role).execute();

        Map<String, Object> user = linkedRow(organizationId, "users", "Practitioner", nurse.getIdPart());
        assertThat(user).containsEntry("role", "nurse").containsEntry("department", "Minor injuries")
                .containsEntry("medical_specialty_category", "Emergency nursing");
        assertThat(user.get("working_days").toString()).isEqualTo("[\"monday\", \"tuesday\"]");
        assertThat(user.get("working_hours").toString()).contains("\"start\": \"08:30\"", "\"end\": \"16:30\"");

        PractitionerRole second = new PractitionerRole().setPractitioner(new Reference(nurse));
        second.addExtension(CuraCanonical.DEPARTMENT_EXTENSION, new StringType("Vaccinations"));
        fhir.create().resource(second).execute();
        assertThat(linkedRow(organizationId, "users", "Practitioner", nurse.getIdPart())).containsEntry("role", "nurse")
                .containsEntry("department", "Vaccinations");
    }

    @Test
    void appointmentLandsInTheDiaryAndFollowsItsLifecycle() {
        Appointment appointment = appointment("2026-12-01T10:30:00+01:00", 20);
        appointment.setDescription("Asthma review");
        IdType id = create(fhir, appointment);

        Map<String, Object> row = linkedRow(organizationId, "appointments", "Appointment", id.getIdPart());
        assertThat(row).containsEntry("title", "Asthma review").containsEntry("duration", 20)
                .containsEntry("status", "scheduled").containsEntry("type", "consultation")
                .containsEntry("patient_id", rowId(organizationId, "Patient", patient.getIdPart())).containsEntry("provider_id",
                        rowId(organizationId, "Practitioner", doctor.getIdPart())).containsEntry("is_virtual", false);
        assertThat(row.get("scheduled_at").toString()).isEqualTo(
                java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 12, 1, 9, 30)).toString());

        Appointment missed = fhir.read().resource(Appointment.class).withId(id).execute();
        missed.setStatus(Appointment.AppointmentStatus.NOSHOW);
        fhir.update().resource(missed).execute();
        assertThat(linkedRow(organizationId, "appointments", "Appointment", id.getIdPart())).containsEntry("status", "no_show");

        fhir.delete().resourceById(id).execute();
        assertThat(linkedRow(organizationId, "appointments", "Appointment", id.getIdPart())).containsEntry("status", "cancelled");
    }

    @Test
    void appointmentWithoutPatientIsRefusedAndLeavesNothing() {
        Appointment appointment = appointment("2026-12-02T09:00:00Z", 15);
        appointment.getParticipant().remove(0);
        appointment.setDescription("No patient here");
        HttpResponse<String> response = postJson("/" + tenant + "/Appointment",
                FHIR.newJsonParser().encodeResourceToString(appointment));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Appointment.participant");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM appointments WHERE organization_id = ? "
                + "AND title = 'No patient here'", Integer.class, organizationId)).isZero();
        assertThat(entries(get("/" + tenant + "/Appointment?_count=100").body()))
                .noneMatch(json -> json.contains("No patient here"));
    }

    @Test
    void practitionersAppointmentsNewestFirstWithPatientAndPractitionerIncluded() {
        Practitioner other = new Practitioner();
        other.addName().setFamily("Whitfield");
        IdType otherDoctor = create(fhir, other);
        for (String start : List.of("2026-10-01T09:00:00Z", "2026-10-03T09:00:00Z", "2026-10-02T09:00:00Z")) {
            Appointment appointment = appointment(start, 10);
            appointment.getParticipant().get(1).setActor(new Reference(otherDoctor));
            fhir.create().resource(appointment).execute();
        }

        String body = get("/" + tenant + "/Appointment?actor=" + otherDoctor.getValue() + "&_sort=-date"
                + "&_include=Appointment:patient&_include=Appointment:practitioner").body();
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, body);
        List<String> starts = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Appointment)
                .map(e -> new DateTimeType(((Appointment) e.getResource()).getStart()).getValueAsString()
                        .substring(0, 10))
                .toList();
        assertThat(starts).containsExactly("2026-10-03", "2026-10-02", "2026-10-01");
        assertThat(bundle.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .extracting(e -> e.getResource().fhirType()).containsExactlyInAnyOrder("Patient", "Practitioner");

        List<Integer> diary = jdbc.queryForList("""
                SELECT duration FROM appointments WHERE organization_id = ? AND provider_id = ?
                ORDER BY scheduled_at DESC""", Integer.class, organizationId, rowId(organizationId, "Practitioner", otherDoctor.getIdPart()));
        assertThat(diary).hasSize(3);
    }

    private Appointment appointment(String start, int minutes) {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.addParticipant().setActor(new Reference(patient)).setStatus(
                Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference(doctor)).setStatus(
                Appointment.ParticipationStatus.ACCEPTED);
        appointment.setStartElement(new org.hl7.fhir.r4.model.InstantType(start));
        appointment.setMinutesDuration(minutes);
        DateTimeType end = new DateTimeType(start);
        end.add(java.util.Calendar.MINUTE, minutes);
        appointment.setEnd(end.getValue());
        return appointment;
    }
}
