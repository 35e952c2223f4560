package health.cura.fhir.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code Patient/$gdpr-erase}: contact details gone from every table and every FHIR version at once, communications
 * and chatbot conversations deleted, consents withdrawn, clinical and financial records kept, restricted and
 * consistent until their retention dates, then purged by the retention job (run here with the dates it would see
 * years on); the evidence and the audit trail kept and intact; nothing of the other patient or clinic touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureTest extends ServerTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String PHONE = "0113 496 0731";
    private static final String EMAIL = "erasable.person@example.test";
    private static final String STREET = "17 Gledhow Avenue";

    @Autowired
    private RetentionPurge purge;

    private String clinic;
    private int organizationId;
    private IGenericClient fhir;
    private int staff;
    private String admin;
    private String nurse;

    @BeforeAll
    void clinic() {
        clinic = newTenant("erasure");
        organizationId = organizationId(clinic);
        fhir = client(clinic);
        staff = rowId(organizationId, "Practitioner", createPractitioner(fhir, "Carer").getIdPart());
        staffMember(clinic, "admin-ann", PASSWORD, "admin");
        admin = staffToken(clinic, "admin-ann", PASSWORD);
        staffMember(clinic, "nurse-nia", PASSWORD, "nurse");
        nurse = staffToken(clinic, "nurse-nia", PASSWORD);
    }

    private String patientWithEverything(String family, String phone, String email, String street, String nhs) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven("Jo");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-05-01"));
        if (nhs != null) {
            patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(nhs);
        }
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        String id = create(fhir, patient).getIdPart();
        Patient second = fhir.read().resource(Patient.class).withId(id).execute();
        second.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        second.addAddress().addLine(street).setCity("Leeds").setPostalCode("LS8 1NA");
        fhir.update().resource(second).execute();
        create(fhir, pulse(id));
        int row = rowId(organizationId, "Patient", id);
        String number = jdbc.queryForObject("SELECT patient_id FROM patients WHERE id = ?", String.class, row);
        jdbc.update("INSERT INTO appointments (organization_id, patient_id, provider_id, title, scheduled_at) VALUES "
                + "(?, ?, ?, 'Review', '2026-11-20 10:00')", organizationId, row, staff);
        int invoice = jdbc.queryForObject("INSERT INTO invoices (organization_id, invoice_number, patient_id, "
                + "patient_name, date_of_service, invoice_date, due_date, subtotal, total_amount, items) VALUES "
                + "(?, ?, ?, ?, now(), now(), now(), 40.00, 48.00, '[]'::jsonb) RETURNING id", Integer.class,
                organizationId, "INV-" + family, number, "Jo " + family);
        jdbc.update("INSERT INTO payments (organization_id, invoice_id, patient_id, transaction_id, amount, "
                + "payment_method) VALUES (?, ?, ?, ?, 48.00, 'cash')", organizationId, invoice, number,
                "TX-" + family);
        jdbc.update("INSERT INTO patient_communications (organization_id, patient_id, sent_by, communication_type, "
                + "method, message, recipient) VALUES (?, ?, ?, 'reminder', 'sms', 'Your review is due', ?)",
                organizationId, row, staff, phone);
        Consent marketing = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        marketing.addPolicy().setUri("https://clinic.example/privacy");
        marketing.setScope(new CodeableConcept().addCoding(new Coding(CuraEnums.CONSENT_SCOPE, "patient-privacy",
                null)));
        marketing.addCategory().addCoding(new Coding(CuraEnums.CONSENT_TYPE.system(), "marketing", null));
        marketing.setPatient(new Reference("Patient/" + id));
        create(fhir, marketing);
        for (String table : List.of("appointments", "invoices", "payments")) {
            health.cura.fhir.support.Eventually.until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                    + "fhir_resource_links l JOIN " + table + " r ON r.id = l.row_id AND l.table_name = '" + table
                    + "' WHERE r.organization_id = ? AND r.patient_id::text IN (?, ?)", Integer.class,
                    organizationId, String.valueOf(row), number) > 0);
        }
        return id;
    }

    private HttpResponse<String> erase(String patient, String token) {
        return http("POST", "/" + clinic + "/Patient/" + patient + "/$gdpr-erase",
                FHIR.newJsonParser().encodeResourceToString(new Parameters()), "application/fhir+json",
                "Authorization", "Bearer " + token);
    }

    /** Every column of every table of the database whose text holds {@code needle}. */
    private List<String> whereFound(String needle) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                SELECT table_schema, table_name, column_name FROM information_schema.columns
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')""")) {
            String table = "\"" + column.get("table_schema") + "\".\"" + column.get("table_name") + "\"";
            String name = "\"" + column.get("column_name") + "\"";
            String encoded = java.net.URLEncoder.encode(needle, java.nio.charset.StandardCharsets.UTF_8);
            Integer hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + name
                    + "::text LIKE ANY (?)", Integer.class, (Object) new String[] {"%" + needle + "%",
                    "%" + encoded + "%", "%" + encoded.replace("+", "%20") + "%"});
            if (hits != null && hits > 0) {
                found.add(column.get("table_name") + "." + column.get("column_name"));
            }
        }
        return found;
    }

    @Test
    void whatMayGoGoesNowWhatMustBeKeptIsKeptRestrictedUntilItsDateThenPurged() {
        String erased = patientWithEverything("Erasable", PHONE, EMAIL, STREET, "4260181599");
        String kept = patientWithEverything("Keepable", "0113 496 0999", "kept.person@example.test",
                "2 Roundhay Road", null);
        String elsewhere = newTenant("erasure-other");
        createPatient(client(elsewhere), "Elsewhere");
        int otherClinic = organizationId(elsewhere);
        Map<String, Object> otherBefore = jdbc.queryForMap("SELECT (SELECT count(*) FROM patients WHERE "
                + "organization_id = ?) AS patients, (SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ?) "
                + "AS audit", otherClinic, otherClinic);
        assertThat(whereFound(PHONE)).isNotEmpty();

        // searches HAPI keeps in its cache, with what was searched for
        assertThat(entries(getWithToken("/" + clinic + "/Patient?phone=" + PHONE.replace(" ", "%20"), admin)
                .body())).hasSize(1);
        assertThat(entries(getWithToken("/" + clinic + "/Patient?email=" + EMAIL, admin).body())).hasSize(1);

        HttpResponse<String> report = erase(erased, token(clinic));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, report.body());
        Map<String, String> erasedParts = new java.util.HashMap<>();
        Map<String, Parameters.ParametersParameterComponent> keptParts = new java.util.HashMap<>();
        for (Parameters.ParametersParameterComponent part : answer.getParameter()) {
            if (part.getName().equals("erased")) {
                erasedParts.put(part.getPart().get(0).getValue().primitiveValue(),
                        part.getPart().get(1).getValue().primitiveValue());
            } else if (part.getName().equals("kept")) {
                keptParts.put(part.getPart().get(0).getValue().primitiveValue(), part);
            }
        }
        assertThat(erasedParts).containsEntry("patient_communications", "1 rows")
                .containsEntry("gdpr_consents", "1 consents withdrawn (the records are kept)");
        assertThat(erasedParts.get("patients")).contains("email", "phone", "address");
        assertThat(keptParts).containsOnlyKeys("clinical", "financial", "evidence", "audit");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        LocalDate clinicalUntil = LocalDate.parse(until(keptParts.get("clinical")));
        LocalDate financialUntil = LocalDate.parse(until(keptParts.get("financial")));
        assertThat(clinicalUntil).isEqualTo(today.plusYears(8));
        assertThat(financialUntil.getMonthValue()).isEqualTo(3);
        assertThat(financialUntil.getDayOfMonth()).isEqualTo(31);

        for (String needle : List.of(PHONE, EMAIL, "Gledhow")) {
            assertThat(whereFound(needle)).as(needle + " in any table, HAPI's included: " + jdbc.queryForList(
                    "SELECT res_type || '/' || res_id || ' v' || res_ver FROM hfj_res_ver WHERE res_text_vc LIKE ?",
                    String.class, "%" + needle + "%")).isEmpty();
        }
        assertThat(whereFound("0113 496 0999")).as("the other patient's phone").isNotEmpty();
        Bundle history = FHIR.newJsonParser().parseResource(Bundle.class,
                getWithToken("/" + clinic + "/Patient/" + erased + "/_history", admin).body());
        assertThat(history.getEntry()).hasSize(1);
        assertThat(((Patient) history.getEntryFirstRep().getResource()).getTelecom()).isEmpty();
        assertThat(entries(getWithToken("/" + clinic + "/Patient?phone=" + PHONE.replace(" ", "%20"), admin).body()))
                .isEmpty();
        assertThat(entries(getWithToken("/" + clinic + "/Patient?address=Gledhow", admin).body())).isEmpty();

        int row = rowId(organizationId, "Patient", erased);
        assertThat(jdbc.queryForMap("SELECT last_name, nhs_number, email, phone, address FROM patients WHERE id = ?",
                row)).containsEntry("last_name", "Erasable").containsEntry("nhs_number", "4260181599")
                .containsEntry("email", null).containsEntry("phone", null).containsEntry("address", null);
        assertThat(jdbc.queryForObject("SELECT total_amount FROM invoices WHERE organization_id = ? AND "
                + "invoice_number = 'INV-Erasable'", java.math.BigDecimal.class, organizationId))
                .as("the invoice kept intact").isEqualByComparingTo("48.00");
        assertThat(jdbc.queryForObject("SELECT status FROM gdpr_consents WHERE patient_id = ?", String.class, row))
                .isEqualTo("withdrawn");
        assertThat(getWithToken("/" + clinic + "/Patient/" + erased, nurse).statusCode())
                .as("what is kept is restricted").isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Patient/" + erased, admin).statusCode()).isEqualTo(200);
        assertThat(erase(erased, token(clinic)).statusCode()).as("erased once").isEqualTo(409);

        assertThat(purge.purgeDue(today)).as("nothing is due yet").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM appointments WHERE patient_id = ?", Integer.class, row))
                .isEqualTo(1);

        purge.purgeDue(financialUntil.plusDays(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoices WHERE organization_id = ? AND "
                + "invoice_number = 'INV-Erasable'", Integer.class, organizationId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM appointments WHERE patient_id = ?", Integer.class, row))
                .as("the clinical record outlasts the financial").isEqualTo(1);

        purge.purgeDue(clinicalUntil.plusDays(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM appointments WHERE patient_id = ?", Integer.class, row))
                .isZero();
        assertThat(entries(getWithToken("/" + clinic + "/Observation?subject=Patient/" + erased, admin).body()))
                .isEmpty();
        assertThat(jdbc.queryForMap("SELECT last_name, nhs_number, date_of_birth FROM patients WHERE id = ?", row))
                .containsEntry("last_name", "patient").containsEntry("nhs_number", null)
                .containsEntry("date_of_birth", null);
        assertThat(whereFound("4260181599")).as("the NHS number, once every class is purged").isEmpty();
        assertThat(whereFound("Erasable")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_consents WHERE patient_id = ?", Integer.class, row))
                .as("the evidence stays").isEqualTo(1);
        OperationOutcome verdict = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                get("/" + clinic + "/$verify-audit-trail").body());
        assertThat(verdict.getIssueFirstRep().getSeverity()).as("the trail was never edited")
                .isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);

        assertThat(jdbc.queryForMap("SELECT last_name, phone FROM patients WHERE id = ?",
                rowId(organizationId, "Patient", kept))).containsEntry("last_name", "Keepable")
                .containsEntry("phone", "0113 496 0999");
        assertThat(jdbc.queryForMap("SELECT (SELECT count(*) FROM patients WHERE organization_id = ?) AS patients, "
                + "(SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ?) AS audit", otherClinic,
                otherClinic)).isEqualTo(otherBefore);
    }

    private static String until(Parameters.ParametersParameterComponent kept) {
        return kept.getPart().stream().filter(p -> p.getName().equals("until")).findFirst().orElseThrow()
                .getValue().primitiveValue();
    }

    @Test
    void aRestrictedPatientIsErasedOnlyByStaffWhoHandleRestrictions() {
        String patient = patientWithEverything("Restricted-Erasure", "0113 496 0555", "restricted@example.test",
                "5 Harehills Lane", null);
        HttpResponse<String> restrict = http("POST", "/" + clinic + "/Patient/" + patient + "/$gdpr-restrict",
                FHIR.newJsonParser().encodeResourceToString(new Parameters().addParameter("reason", "Objection")),
                "application/fhir+json");
        assertThat(restrict.statusCode()).isEqualTo(200);

        HttpResponse<String> byNurse = erase(patient, nurse);
        assertThat(byNurse.statusCode()).as(byNurse.body()).isEqualTo(403);
        assertThat(diagnostics(byNurse.body())).contains("restricted");
        assertThat(jdbc.queryForObject("SELECT phone FROM patients WHERE id = ?", String.class,
                rowId(organizationId, "Patient", patient))).as("nothing changed").isEqualTo("0113 496 0555");
        assertThat(erase(patient, admin).statusCode()).isEqualTo(200);
        assertThat(erase("no-such-patient", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void anErasureRacingWritesOfThePatientLeavesNothingHalfErased() throws Exception {
        String patient = patientWithEverything("Racing", "0113 496 0222", "racing@example.test", "9 Oakwood Lane",
                null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String phone = "0113 496 08" + (10 + i);
                writes.add(pool.submit(() -> {
                    Patient current = fhir.read().resource(Patient.class).withId(patient).execute();
                    current.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
                    return http("PUT", "/" + clinic + "/Patient/" + patient,
                            FHIR.newJsonParser().encodeResourceToString(current), "application/fhir+json")
                            .statusCode();
                }));
                writes.add(pool.submit(() -> http("POST", "/" + clinic + "/Observation",
                        FHIR.newJsonParser().encodeResourceToString(pulse(patient)), "application/fhir+json")
                        .statusCode()));
            }
            Future<Integer> erasure = pool.submit(() -> erase(patient, token(clinic)).statusCode());
            assertThat(erasure.get()).isEqualTo(200);
            for (Future<Integer> write : writes) {
                assertThat(write.get()).as("each write came before (and was erased) or was refused after")
                        .isIn(200, 201, 403, 409, 412);
            }
        } finally {
            pool.shutdown();
        }
        int row = rowId(organizationId, "Patient", patient);
        assertThat(jdbc.queryForMap("SELECT phone, email, address FROM patients WHERE id = ?", row))
                .containsEntry("phone", null).containsEntry("email", null).containsEntry("address", null);
        assertThat(whereFound("0113 496 08")).isEmpty();
        Patient current = FHIR.newJsonParser().parseResource(Patient.class,
                getWithToken("/" + clinic + "/Patient/" + patient, admin).body());
        assertThat(current.getTelecom()).isEmpty();
        assertThat(new IdType(current.getId()).getIdPart()).isEqualTo(patient);
    }
}
