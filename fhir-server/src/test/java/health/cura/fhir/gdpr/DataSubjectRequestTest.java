package health.cura.fhir.gdpr;

import static health.cura.fhir.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Data subject requests as Task ⇄ {@code gdpr_data_requests}: the statutory deadline the server works out (one
 * calendar month, paused for proof of identity, extended within the first month with a reason and the patient told),
 * the rules of their statuses, rows other software records, and the list of requests due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataSubjectRequestTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private IdType patient;

    @BeforeAll
    void clinicWithAPatient() {
        clinic = newTenant("requests");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        patient = createPatient(fhir, "Okafor").toUnqualifiedVersionless();
    }

    private Task request(String type, String receivedAt) {
        Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.GDPR_REQUEST_TYPE.system(), type, null)));
        task.setFor(new Reference(patient));
        if (receivedAt != null) {
            task.setAuthoredOnElement(new DateTimeType(receivedAt));
        }
        task.getReasonCode().setText("Wants a copy of everything the clinic holds");
        return task;
    }

    private HttpResponse<String> put(Task task) {
        return http("PUT", "/" + clinic + "/Task/" + task.getIdElement().getIdPart(),
                FHIR.newJsonParser().encodeResourceToString(task), "application/fhir+json");
    }

    private Task read(IdType id) {
        return fhir.read().resource(Task.class).withId(id.toUnqualifiedVersionless()).execute();
    }

    private Map<String, Object> row(IdType id) {
        return linkedRow(organizationId, "gdpr_data_requests", "Task", id.getIdPart());
    }

    @Test
    void theDeadlineIsOneCalendarMonthPausedUntilIdentityIsVerified() throws Exception {
        IdType id = create(fhir, request("access", "2026-03-02T10:00:00Z"));

        Task received = read(id);
        assertThat(received.getRestriction().getPeriod().getEndElement().getValueAsString())
                .as("2 April, the end of the day in London (summer time)").isEqualTo("2026-04-02T22:59:59Z");
        assertThat(received.getBusinessStatus().getText()).contains("paused");
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("request_type", "access").containsEntry("status", "pending")
                .containsEntry("identity_verified", false)
                .containsEntry("request_reason", "Wants a copy of everything the clinic holds");
        assertThat(row.get("requested_at").toString()).startsWith("2026-03-02 10:00");
        assertThat(row.get("due_date").toString()).startsWith("2026-04-02 22:59:59");

        received.addExtension(CuraCanonical.IDENTITY_VERIFIED_EXTENSION, new DateTimeType("2026-03-12T09:00:00Z"));
        received.setStatus(Task.TaskStatus.INPROGRESS);
        received.addNote().setTimeElement(new DateTimeType("2026-03-12T09:05:00Z")).setText("Passport seen at the desk")
                .addExtension(CuraCanonical.COMMUNICATION_CHANNEL_EXTENSION, new CodeType("in_person"));
        fhir.update().resource(received).execute();

        Task verified = read(id);
        assertThat(verified.getRestriction().getPeriod().getEndElement().getValueAsString())
                .as("ten days paused: 12 April, a Sunday, so Monday 13th").isEqualTo("2026-04-13T22:59:59Z");
        assertThat(verified.hasBusinessStatus()).isFalse();
        Map<String, Object> after = row(id);
        assertThat(after).containsEntry("identity_verified", true).containsEntry("status", "in_progress");
        assertThat(after.get("due_date").toString()).startsWith("2026-04-13 22:59:59");
        JsonNode log = JSON.readTree(after.get("communication_log").toString());
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("channel").asText()).isEqualTo("in_person");
        assertThat(log.get(0).get("summary").asText()).isEqualTo("Passport seen at the desk");
        assertThat(log.get(0).get("at").asText()).isEqualTo("2026-03-12T09:05:00Z");
        assertThat(JSON.readTree(after.get("metadata").toString()).get("deadline").get("identityVerifiedAt").asText())
                .isEqualTo("2026-03-12T09:00:00Z");

        Task stated = read(id);
        stated.getRestriction().getPeriod().setEndElement(new DateTimeType("2027-01-01T00:00:00Z"));
        fhir.update().resource(stated).execute();
        assertThat(row(id).get("due_date").toString()).as("a client's deadline is replaced by the law's")
                .startsWith("2026-04-13 22:59:59");
    }

    @Test
    void anExtensionNeedsAReasonThePatientToldAndTheFirstMonthNotOver() {
        Instant receivedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        IdType id = create(fhir, request("erasure", receivedAt.toString()));
        Object firstDue = row(id).get("due_date");

        Task extended = read(id);
        extended.addExtension(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION, new IntegerType(2));
        HttpResponse<String> noReason = put(extended);
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(422);
        assertThat(diagnostics(noReason.body())).contains("reason");

        extended.addExtension(CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION,
                new StringType("Records held at three sites"));
        HttpResponse<String> notTold = put(extended);
        assertThat(notTold.statusCode()).as(notTold.body()).isEqualTo(422);
        assertThat(diagnostics(notTold.body())).contains("told");
        assertThat(row(id).get("due_date")).as("nothing written").isEqualTo(firstDue);

        extended.addNote().setTime(Date.from(Instant.now().minusSeconds(60)))
                .setText("Wrote to the patient: we need two more months, records are at three sites")
                .addExtension(CuraCanonical.COMMUNICATION_CHANNEL_EXTENSION, new CodeType("letter"));
        HttpResponse<String> told = put(extended);
        assertThat(told.statusCode()).as(told.body()).isEqualTo(200);

        LocalDate due = LocalDate.parse(row(id).get("due_date").toString().substring(0, 10));
        LocalDate threeMonths = receivedAt.atZone(LONDON).toLocalDate().plusMonths(3);
        assertThat(due).isBetween(threeMonths.minusDays(1), threeMonths.plusDays(2));
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        IdType old = create(fhir, request("erasure", "2026-01-05T10:00:00Z"));
        Task late = read(old);
        late.addExtension(CuraCanonical.DEADLINE_EXTENSION_MONTHS_EXTENSION, new IntegerType(1));
        late.addExtension(CuraCanonical.DEADLINE_EXTENSION_REASON_EXTENSION, new StringType("Complex"));
        late.addNote().setTime(Date.from(Instant.parse("2026-01-10T10:00:00Z"))).setText("Told by phone");
        HttpResponse<String> tooLate = put(late);
        assertThat(tooLate.statusCode()).as(tooLate.body()).isEqualTo(422);
        assertThat(diagnostics(tooLate.body())).contains("only within the first month");
    }

    @Test
    void anAnsweredRequestStaysAnsweredAndARejectionSaysWhy() {
        IdType id = create(fhir, request("rectification", "2026-11-20T09:00:00Z"));
        Task task = read(id);

        task.setStatus(Task.TaskStatus.COMPLETED);
        HttpResponse<String> unverified = put(task);
        assertThat(unverified.statusCode()).as(unverified.body()).isEqualTo(422);
        assertThat(diagnostics(unverified.body())).contains("identity");

        task.setStatus(Task.TaskStatus.REJECTED);
        HttpResponse<String> noReason = put(task);
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(422);
        assertThat(row(id)).containsEntry("status", "pending").containsEntry("completed_at", null);

        task.getStatusReason().setText("The record is accurate: the date of the visit is as the patient gave it");
        assertThat(put(task).statusCode()).isEqualTo(200);
        Map<String, Object> rejected = row(id);
        assertThat(rejected).containsEntry("status", "rejected")
                .containsEntry("rejection_reason", "The record is accurate: the date of the visit is as the patient "
                        + "gave it");
        assertThat(rejected.get("completed_at")).isNotNull();
        assertThat(read(id).getExecutionPeriod().hasEnd()).isTrue();

        Task reopened = read(id);
        reopened.setStatus(Task.TaskStatus.INPROGRESS);
        HttpResponse<String> again = put(reopened);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(diagnostics(again.body())).contains("stays as it is");
        assertThat(row(id)).containsEntry("status", "rejected");
    }

    @Test
    void aTaskThatIsNoDataSubjectRequestIsRefused() {
        Task task = request("access", null);
        task.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "308540004", null)));
        HttpResponse<String> refused = http("POST", "/" + clinic + "/Task",
                FHIR.newJsonParser().encodeResourceToString(task), "application/fhir+json");
        assertThat(refused.statusCode()).as(refused.body()).isIn(400, 422);
        assertThat(refused.body()).contains("cura-dsr-1");
    }

    @Test
    void aRequestOtherSoftwareRecordsShowsAsATaskWithItsLog() {
        int patientRow = rowId(organizationId, "Patient", patient.getIdPart());
        int row = jdbc.queryForObject("""
                INSERT INTO gdpr_data_requests (organization_id, patient_id, request_type, status, identity_verified,
                    requested_at, due_date, request_reason, communication_log)
                VALUES (?, ?, 'portability', 'in_progress', true, '2026-11-02 08:30', '2026-12-02 23:59:59',
                    'Moving to another practice',
                    '[{"date": "2026-11-02T08:31:00Z", "method": "email", "message": "Acknowledged by email"}]'::jsonb)
                RETURNING id""", Integer.class, organizationId, patientRow);

        Task task = await(() -> jdbc.queryForList("SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? "
                        + "AND table_name = 'gdpr_data_requests' AND row_id = ?", String.class, organizationId, row)
                .stream().findFirst().map(resourceId -> read(new IdType("Task", resourceId))));
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("portability");
        assertThat(task.getFor().getReferenceElement().getIdPart()).isEqualTo(patient.getIdPart());
        assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString())
                .as("the deadline as the other software wrote it").isEqualTo("2026-12-02T23:59:59Z");
        assertThat(task.getReasonCode().getText()).isEqualTo("Moving to another practice");
        assertThat(task.hasOwner()).as("processed by no one yet").isFalse();
        assertThat(task.getNote()).hasSize(1);
        assertThat(task.getNoteFirstRep().getText()).isEqualTo("Acknowledged by email");
        assertThat(((CodeType) task.getNoteFirstRep().getExtensionByUrl(CuraCanonical.COMMUNICATION_CHANNEL_EXTENSION)
                .getValue()).getValue()).isEqualTo("email");
        assertThat(task.getExtensionByUrl(CuraCanonical.IDENTITY_VERIFIED_EXTENSION)).isNotNull();
    }

    @Test
    void theListOfRequestsDueShowsTheOverdueTheDueAndThePausedOfThisClinicOnly() {
        String list = newTenant("requests-due");
        IGenericClient listFhir = client(list);
        IdType them = createPatient(listFhir, "Achebe").toUnqualifiedVersionless();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String verifiedLongAgo = "2026-06-01T09:00:00Z";
        IdType overdue = create(listFhir, verified(request(them, "access", "2026-06-01T08:00:00Z"), verifiedLongAgo));
        IdType paused = create(listFhir, request(them, "erasure", now));
        IdType later = create(listFhir, verified(request(them, "objection", now), now));
        IdType answered = create(listFhir, verified(request(them, "access", "2026-06-01T08:00:00Z"), verifiedLongAgo)
                .setStatus(Task.TaskStatus.COMPLETED));
        create(fhir, verified(request("access", "2026-06-01T08:00:00Z"), verifiedLongAgo));

        HttpResponse<String> answer = get("/" + list + "/$gdpr-requests-due?days=7");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle due = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
        Map<String, String> states = new java.util.LinkedHashMap<>();
        for (Bundle.BundleEntryComponent entry : due.getEntry()) {
            states.put(entry.getResource().getIdElement().getIdPart(),
                    ((CodeType) entry.getExtensionByUrl(CuraCanonical.DEADLINE_STATE_EXTENSION).getValue())
                            .getValue());
        }
        assertThat(states).containsExactly(Map.entry(overdue.getIdPart(), "overdue"),
                Map.entry(paused.getIdPart(), "paused"));
        assertThat(states).doesNotContainKeys(later.getIdPart(), answered.getIdPart());

        HttpResponse<String> year = get("/" + list + "/$gdpr-requests-due?days=60");
        assertThat(entries(year.body())).hasSize(3);
        assertThat(get("/" + list + "/$gdpr-requests-due?days=-1").statusCode()).isEqualTo(400);
        Integer audited = jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                + "action = 'read' AND patient_id = ?", Integer.class, organizationId(list),
                rowId(organizationId(list), "Patient", them.getIdPart()));
        assertThat(audited).as("listing the requests is a read of the patient's").isPositive();

        staffMember(list, "phlebotomist", "correct-horse-battery", "sample_taker");
        String token = staffToken(list, "phlebotomist", "correct-horse-battery");
        assertThat(getWithToken("/" + list + "/$gdpr-requests-due", token).statusCode()).isEqualTo(403);
        assertThat(getWithToken("/" + list + "/Task/" + overdue.getIdPart(), token).statusCode()).isEqualTo(403);
        staffMember(list, "frontdesk", "correct-horse-battery", "receptionist");
        assertThat(getWithToken("/" + list + "/$gdpr-requests-due",
                staffToken(list, "frontdesk", "correct-horse-battery")).statusCode()).isEqualTo(200);
    }

    private Task request(IdType of, String type, String receivedAt) {
        Task task = request(type, receivedAt);
        task.setFor(new Reference(of));
        return task;
    }

    private static Task verified(Task task, String at) {
        task.addExtension(CuraCanonical.IDENTITY_VERIFIED_EXTENSION, new DateTimeType(at));
        return task;
    }
}
