package health.cura.fhir.gdpr;

import static health.cura.fhir.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code Patient/$gdpr-export}: everything held about the patient, seeded in every table the registry says holds
 * patient data and in FHIR (with history), and nothing about the other patient of the clinic; now or in the
 * background with progress, completing its request; each handing over audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientExportTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient BYTES = HttpClient.newHttpClient();

    /** One row about the patient in each patient table, with the text {@code marker} in it (params as named). */
    private static final Map<String, String> SEEDS = Map.ofEntries(
            Map.entry("patients", ""),
            Map.entry("medical_records", "INSERT INTO medical_records (organization_id, patient_id, provider_id, type, "
                    + "title) VALUES (:org, :patient, :staff, 'consultation', :marker)"),
            Map.entry("appointments", "INSERT INTO appointments (organization_id, patient_id, provider_id, title, "
                    + "scheduled_at) VALUES (:org, :patient, :staff, :marker, '2026-12-20 10:00')"),
            Map.entry("consultations", "INSERT INTO consultations (organization_id, patient_id, provider_id, "
                    + "consultation_type, start_time, chief_complaint) VALUES (:org, :patient, :staff, 'routine', "
                    + "'2026-12-01 09:00', :marker)"),
            Map.entry("prescriptions", "INSERT INTO prescriptions (organization_id, patient_id, doctor_id, "
                    + "prescription_number, medication_name, dosage, frequency, duration) VALUES (:org, :patient, "
                    + ":staff, :marker, 'Amoxicillin', '500 mg', 'three times a day', '7 days')"),
            Map.entry("lab_results", "INSERT INTO lab_results (organization_id, patient_id, ordered_by, lab_number, "
                    + "test_type, test_date, results) VALUES (:org, :patient, :staff, :marker, 'Full blood count', "
                    + "'2026-11-30 08:15', '[]'::jsonb)"),
            Map.entry("medical_images", "INSERT INTO medical_images (organization_id, patient_id, uploaded_by, "
                    + "imaging_type, study_date, file_name, file_path, file_size, mime_type) VALUES (:org, :patient, "
                    + ":staff, 'xray', '2026-11-01 10:00', :marker, 'nowhere/x.dcm', 10, 'application/dicom')"),
            Map.entry("invoices", "INSERT INTO invoices (organization_id, invoice_number, patient_id, patient_name, "
                    + "date_of_service, invoice_date, due_date, subtotal, total_amount, items) VALUES (:org, :marker, "
                    + ":number, 'Name', now(), now(), now(), 10.00, 10.00, '[]'::jsonb)"),
            Map.entry("payments", "INSERT INTO payments (organization_id, invoice_id, patient_id, transaction_id, "
                    + "amount, payment_method) VALUES (:org, (SELECT max(id) FROM invoices WHERE organization_id = :org "
                    + "AND patient_id = :number), :number, :marker, 10.00, 'cash')"),
            Map.entry("claims", "INSERT INTO claims (organization_id, patient_id, claim_number, service_date, "
                    + "submission_date, amount, insurance_provider) VALUES (:org, :patient, :marker, now(), now(), 10, "
                    + "'Bupa')"),
            Map.entry("patient_communications", "INSERT INTO patient_communications (organization_id, patient_id, "
                    + "sent_by, communication_type, method, message, recipient) VALUES (:org, :patient, :staff, "
                    + "'reminder', 'email', :marker, 'patient@example.test')"),
            Map.entry("ai_insights", "INSERT INTO ai_insights (organization_id, patient_id, type, title, description) "
                    + "VALUES (:org, :patient, 'risk_alert', :marker, 'A risk')"),
            Map.entry("symptom_checks", "INSERT INTO symptom_checks (organization_id, patient_id, symptoms, "
                    + "recommendation) VALUES (:org, :patient, '[]'::jsonb, :marker)"),
            Map.entry("patient_drug_interactions", "INSERT INTO patient_drug_interactions (organization_id, "
                    + "patient_id, reported_by, drug1, drug2, interaction_type, severity, description) VALUES (:org, "
                    + ":patient, :staff, 'Warfarin', 'Aspirin', 'drug_drug', 'moderate', :marker)"),
            Map.entry("chatbot_sessions", "INSERT INTO chatbot_sessions (organization_id, config_id, session_id, "
                    + "patient_id) VALUES (:org, (SELECT max(id) FROM chatbot_configs WHERE organization_id = :org), "
                    + ":marker, :patient)"),
            Map.entry("gdpr_consents", "INSERT INTO gdpr_consents (organization_id, patient_id, consent_type, purpose, "
                    + "legal_basis) VALUES (:org, :patient, 'marketing', :marker, 'consent')"),
            Map.entry("gdpr_data_requests", "INSERT INTO gdpr_data_requests (organization_id, patient_id, "
                    + "request_type, due_date, request_reason) VALUES (:org, :patient, 'access', now(), :marker)"),
            Map.entry("gdpr_audit_trail", "INSERT INTO gdpr_audit_trail (organization_id, patient_id, action, "
                    + "resource_type, purpose) VALUES (:org, :patient, 'read', 'patient', :marker)"));

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private String patient;
    private String other;
    private String otherPulse;
    private String pulse;
    private String shared;

    @BeforeAll
    void twoPatientsInEveryTable() {
        clinic = newTenant("export");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        patient = createPatient(fhir, "Exported").getIdPart();
        Patient changed = fhir.read().resource(Patient.class).withId(patient).execute();
        changed.addName().setFamily("Exported-Married");
        fhir.update().resource(changed).execute();
        pulse = create(fhir, pulse(patient)).getIdPart();
        other = createPatient(fhir, "Someone-Else").getIdPart();
        otherPulse = create(fhir, pulse(other)).getIdPart();
        // the other patient took this pulse (as a carer): a record also about them
        org.hl7.fhir.r4.model.Observation taken = pulse(patient);
        taken.addPerformer(new Reference("Patient/" + other));
        shared = create(fhir, taken).getIdPart();
        int staff = rowId(organizationId, "Practitioner", createPractitioner(fhir, "Exporter").getIdPart());
        jdbc.update("INSERT INTO chatbot_configs (organization_id, name) VALUES (?, 'Front desk')", organizationId);
        seed(patient, "MARK", staff);
        seed(other, "OTHER", staff);
    }

    private void seed(String patientId, String prefix, int staff) {
        int row = rowId(organizationId, "Patient", patientId);
        String number = jdbc.queryForObject("SELECT patient_id FROM patients WHERE id = ?", String.class, row);
        for (CuraTable table : CuraTables.withPatientData()) {
            String sql = SEEDS.get(table.name());
            assertThat(sql).as("a new patient table, " + table.name() + ": seed it here and check that "
                    + "$gdpr-export holds it").isNotNull();
            if (sql.isEmpty()) {
                continue;
            }
            namedJdbc().update(sql, Map.of("org", organizationId, "patient", row, "staff", staff, "number", number,
                    "marker", prefix + "-" + table.name() + "-" + UUID.randomUUID().toString().substring(0, 6)));
        }
    }

    private org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate namedJdbc() {
        return new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
    }

    private HttpResponse<byte[]> post(String path, Parameters body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<byte[]> getBytes(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return BYTES.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void theArchiveHoldsEveryTableAndEveryVersionOfThePatientAndNothingOfAnyoneElse() throws Exception {
        HttpResponse<byte[]> answer = post("/" + clinic + "/Patient/" + patient + "/$gdpr-export", new Parameters(),
                token(clinic));
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        Map<String, String> files = unzip(answer.body());

        for (CuraTable table : CuraTables.withPatientData()) {
            String rows = files.get("rows/" + table.name() + ".json");
            assertThat(rows).as(table.name()).isNotNull();
            assertThat(JSON.readTree(rows)).as(table.name()).isNotEmpty();
            assertThat(rows).as(table.name()).contains(table.name().equals("patients") ? "Exported"
                    : "MARK-" + table.name());
        }
        String everything = String.join("\n", files.values());
        assertThat(everything).doesNotContain("OTHER-", "Someone-Else", other, otherPulse);

        Bundle records = FHIR.newJsonParser().parseResource(Bundle.class, files.get("fhir/records.json"));
        List<String> versions = records.getEntry().stream().map(e -> e.getResource().getIdElement().toUnqualified()
                .getValue()).toList();
        assertThat(versions).contains("Patient/" + patient + "/_history/1", "Patient/" + patient + "/_history/2")
                .anyMatch(v -> v.startsWith("Observation/" + pulse + "/"))
                .noneMatch(v -> v.startsWith("Observation/" + shared + "/"));
        assertThat(records.getEntryFirstRep().getFullUrl()).startsWith("http");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("withheldRecords").toString()).as("the pulse the other patient took")
                .isEqualTo("[\"Observation/" + shared + "\"]");
        assertThat(files.get("README.txt")).contains("Clinic " + clinic);

        int patientRow = rowId(organizationId, "Patient", patient);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                + "patient_id = ? AND action = 'export' AND metadata->>'interaction' = '$gdpr-export'", Integer.class,
                organizationId, patientRow)).isEqualTo(1);
    }

    @Test
    void inTheBackgroundItReportsProgressHandsTheArchiveOverAndCompletesTheRequest() throws Exception {
        Task request = new Task().setStatus(Task.TaskStatus.INPROGRESS).setIntent(Task.TaskIntent.ORDER);
        request.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.GDPR_REQUEST_TYPE.system(), "access",
                null)));
        request.setFor(new Reference("Patient/" + patient));
        request.addExtension(CuraCanonical.IDENTITY_VERIFIED_EXTENSION, new DateTimeType("2026-12-01T09:00:00Z"));
        IdType task = create(fhir, request);

        HttpResponse<byte[]> kickOff = post("/" + clinic + "/Patient/" + patient + "/$gdpr-export",
                new Parameters().addParameter("request", new Reference("Task/" + task.getIdPart())), token(clinic),
                "Prefer", "respond-async");
        assertThat(kickOff.statusCode()).as(new String(kickOff.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).contains("/" + clinic + "/$gdpr-export-status?job=");

        HttpResponse<byte[]> done = await(() -> {
            HttpResponse<byte[]> poll = getBytes(status, token(clinic));
            if (poll.statusCode() == 202) {
                assertThat(poll.headers().firstValue("X-Progress")).isPresent();
                return Optional.empty();
            }
            return Optional.of(poll);
        });
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(unzip(done.body()).get("fhir/records.json")).contains(pulse);

        Task completed = fhir.read().resource(Task.class).withId(task.getIdPart()).execute();
        assertThat(completed.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(completed.getOutputFirstRep().getValue().primitiveValue()).contains("$gdpr-export-status");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                + "action = 'export' AND metadata->>'interaction' = '$gdpr-export-status'", Integer.class,
                organizationId)).isEqualTo(1);

        String elsewhere = newTenant("export-other");
        assertThat(getBytes(status.replace("/" + clinic + "/", "/" + elsewhere + "/"), token(elsewhere))
                .statusCode()).as("another clinic's export is none of this clinic's").isEqualTo(404);
    }

    @Test
    void badInputIsRefused() {
        String service = token(clinic);
        assertThat(post("/" + clinic + "/Patient/no-such/$gdpr-export", new Parameters(), service).statusCode())
                .isEqualTo(404);
        String elsewhere = newTenant("export-stranger");
        String theirs = createPatient(client(elsewhere), "Stranger").getIdPart();
        assertThat(post("/" + clinic + "/Patient/" + theirs + "/$gdpr-export", new Parameters(), service)
                .statusCode()).isEqualTo(404);

        Task unverified = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
        unverified.setCode(new CodeableConcept().addCoding(new Coding(CuraEnums.GDPR_REQUEST_TYPE.system(),
                "access", null)));
        unverified.setFor(new Reference("Patient/" + patient));
        IdType task = create(fhir, unverified);
        HttpResponse<byte[]> notYet = post("/" + clinic + "/Patient/" + patient + "/$gdpr-export",
                new Parameters().addParameter("request", new Reference("Task/" + task.getIdPart())), service);
        assertThat(notYet.statusCode()).isEqualTo(422);
        assertThat(new String(notYet.body(), StandardCharsets.UTF_8)).contains("identity");

        assertThat(get("/" + clinic + "/$gdpr-export-status?job=not-a-job").statusCode()).isEqualTo(400);
        assertThat(get("/" + clinic + "/$gdpr-export-status?job=" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        staffMember(clinic, "desk-dee", "correct-horse-battery", "receptionist");
        String receptionist = staffToken(clinic, "desk-dee", "correct-horse-battery");
        assertThat(post("/" + clinic + "/Patient/" + patient + "/$gdpr-export", new Parameters(), receptionist)
                .statusCode()).as("the export is the whole medical record").isEqualTo(403);
    }
}
