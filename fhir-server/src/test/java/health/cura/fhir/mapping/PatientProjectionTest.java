package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ServerTest;
import health.cura.mappings.patient.NhsNumber;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Patient ⇄ {@code patients}: every FHIR write lands in the row, in the same transaction. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientProjectionTest extends ServerTest {

    private final Random random = new Random(42);
    private String tenant;
    private int organizationId;
    private IGenericClient fhir;

    @Autowired
    private DaoRegistry daos;

    @BeforeAll
    void clinic() {
        tenant = newTenant("patients");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
    }

    @Test
    void createdPatientLandsInItsRowWithAnAssignedPatientNumber() {
        String nhs = NhsNumber.randomTestNumber(random);
        Patient patient = patient("Okafor", "Ada Grace", nhs);
        patient.setBirthDateElement(new DateType("1984-02-29"));
        patient.setGender(AdministrativeGender.FEMALE);
        patient.addAddress().addLine("12 Mill Lane").addLine("Flat 2").setCity("Leeds").setPostalCode("LS1 4AB");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("07700 900123");
        patient.addExtension(CuraCanonical.RISK_LEVEL_EXTENSION, new CodeType("high"));
        patient.addExtension(CuraCanonical.PATIENT_FLAG_EXTENSION, new StringType("Penicillin allergy"));

        IdType id = (IdType) fhir.create().resource(patient).execute().getId();

        Map<String, Object> row = row(id.getIdPart());
        assertThat(row).containsEntry("first_name", "Ada Grace").containsEntry("last_name", "Okafor")
                .containsEntry("nhs_number", nhs).containsEntry("gender_at_birth", "female")
                .containsEntry("phone", "07700 900123").containsEntry("risk_level", "high")
                .containsEntry("is_active", true);
        assertThat(row.get("date_of_birth").toString()).isEqualTo("1984-02-29");
        assertThat(row.get("city")).isEqualTo("Leeds");
        assertThat(row.get("line2")).isEqualTo("Flat 2");
        assertThat(row.get("flags").toString()).isEqualTo("{\"Penicillin allergy\"}");
        assertThat((String) row.get("patient_id")).matches("P\\d{5}");

        Patient stored = fhir.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
        assertThat(stored.getIdentifier())
                .anyMatch(i -> i.getSystem().equals(CuraCanonical.patientNumberSystem(tenant))
                        && i.getValue().equals(row.get("patient_id")));
    }

    @Test
    void updateRewritesOwnedColumnsKeepsTheNumberAndDeleteDeactivates() {
        Patient patient = patient("Reid", "Tom", NhsNumber.randomTestNumber(random));
        IdType id = (IdType) fhir.create().resource(patient).execute().getId();
        String number = (String) row(id.getIdPart()).get("patient_id");
        jdbc.update("UPDATE patients SET medical_history = '{\"asthma\": true}' WHERE patient_id = ? "
                + "AND organization_id = ?", number, organizationId);

        Patient changed = patient("Reid-Hughes", "Thomas", NhsNumber.randomTestNumber(random));
        changed.setId(id.toUnqualifiedVersionless());
        changed.setActive(true);
        fhir.update().resource(changed).execute();

        Map<String, Object> row = row(id.getIdPart());
        assertThat(row).containsEntry("last_name", "Reid-Hughes").containsEntry("first_name", "Thomas")
                .containsEntry("patient_id", number);
        assertThat(row.get("medical_history").toString()).contains("asthma");

        fhir.delete().resourceById(id.toUnqualifiedVersionless()).execute();
        assertThat(row(id.getIdPart())).containsEntry("is_active", false).containsEntry("last_name", "Reid-Hughes");
        Bundle history = fhir.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).hasSize(3);
    }

    @Test
    void jsonPatchAndConditionalCreateAreProjected() {
        String nhs = NhsNumber.randomTestNumber(random);
        String body = FHIR.newJsonParser().encodeResourceToString(patient("Khan", "Zara", nhs));
        HttpResponse<String> created = http("POST", "/" + tenant + "/Patient", body, "application/fhir+json",
                "If-None-Exist", "identifier=" + NhsNumber.SYSTEM + "|" + nhs);
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> again = http("POST", "/" + tenant + "/Patient", body, "application/fhir+json",
                "If-None-Exist", "identifier=" + NhsNumber.SYSTEM + "|" + nhs);
        assertThat(again.statusCode()).isEqualTo(200);
        String id = new IdType(created.headers().firstValue("Location").orElseThrow()).getIdPart();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ? AND nhs_number = ?",
                Integer.class, organizationId, nhs)).isEqualTo(1);

        HttpResponse<String> patched = http("PATCH", "/" + tenant + "/Patient/" + id,
                "[{\"op\":\"replace\",\"path\":\"/name/0/family\",\"value\":\"Khan-Lewis\"}]",
                "application/json-patch+json");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(row(id)).containsEntry("last_name", "Khan-Lewis");
    }

    @Test
    void invalidNhsNumberIsRefusedWith422AndNothingIsStored() {
        Patient patient = patient("Invalid", "Nora", "9434765918");
        HttpResponse<String> response = postJson("/" + tenant + "/Patient",
                FHIR.newJsonParser().encodeResourceToString(patient));

        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        // the validator names the identifier it refuses (Patient.identifier[0])
        assertThat(outcome.getIssueFirstRep().getExpression()).extracting(StringType::getValue)
                .singleElement().asString().startsWith("Patient.identifier");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("NHS number");
        assertThat(count("SELECT count(*) FROM patients WHERE organization_id = ? AND last_name = 'Invalid'"))
                .isZero();
        assertThat(entries(get("/" + tenant + "/Patient?family=Invalid").body())).isEmpty();
    }

    @Test
    void patientNumberOfAnotherPatientIsRefused() {
        Patient first = patient("Number", "One", null);
        first.addIdentifier().setSystem(CuraCanonical.patientNumberSystem(tenant)).setValue("X-1");
        fhir.create().resource(first).execute();
        Patient second = patient("Number", "Two", null);
        second.addIdentifier().setSystem(CuraCanonical.patientNumberSystem(tenant)).setValue("X-1");

        HttpResponse<String> response = postJson("/" + tenant + "/Patient",
                FHIR.newJsonParser().encodeResourceToString(second));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(diagnostics(response.body())).contains("X-1 already belongs to another patient");
        assertThat(count("SELECT count(*) FROM patients WHERE organization_id = ? AND last_name = 'Number'"))
                .isEqualTo(1);
    }

    @Test
    void oneInvalidEntryRollsBackTheWholeTransaction() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:0d4c7a1e-0000-4000-8000-000000000001")
                .setResource(patient("Rollback", "Good", NhsNumber.randomTestNumber(random)))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:0d4c7a1e-0000-4000-8000-000000000002")
                .setResource(patient("Rollback", "Bad", "9434765918"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

        HttpResponse<String> response = postJson("/" + tenant, FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(diagnostics(response.body())).contains("NHS number");
        assertThat(count("SELECT count(*) FROM patients WHERE organization_id = ? AND last_name = 'Rollback'"))
                .isZero();
        assertThat(entries(get("/" + tenant + "/Patient?family=Rollback").body())).isEmpty();
    }

    @Test
    void coverageFillsTheInsuranceColumnsAndItsDeletionClearsThem() {
        IdType id = (IdType) fhir.create().resource(patient("Insured", "Ivy", NhsNumber.randomTestNumber(random)))
                .execute().getId().toUnqualifiedVersionless();
        Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference(id));
        coverage.addPayor().setDisplay("Bupa");
        coverage.setSubscriberId("BUPA-778812");
        coverage.getPeriod().setStartElement(new DateTimeType("2026-01-01"));
        IdType coverageId = create(fhir, coverage);

        Map<String, Object> row = row(id.getIdPart());
        assertThat(row).containsEntry("is_insured", true);
        assertThat(row.get("insurance_info").toString())
                .isEqualTo("{\"provider\": \"Bupa\", \"validFrom\": \"2026-01-01\", \"policyNumber\": \"BUPA-778812\"}");

        fhir.delete().resourceById(coverageId).execute();
        Map<String, Object> cleared = row(id.getIdPart());
        assertThat(cleared).containsEntry("is_insured", false);
        assertThat(cleared.get("insurance_info").toString()).isEqualTo("{}");
    }

    @Test
    void directDaoWritesAreProjectedToo() {
        Patient patient = patient("Dao", "Direct", NhsNumber.randomTestNumber(random));
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestPartitionId(ca.uhn.fhir.interceptor.model.RequestPartitionId.fromPartitionId(organizationId));
        String id = daos.getResourceDao(Patient.class).create(patient, request).getId().getIdPart();

        assertThat(row(id)).containsEntry("last_name", "Dao").containsEntry("first_name", "Direct");
    }

    private Map<String, Object> row(String resourceId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT p.*, p.address ->> 'city' AS city, p.address ->> 'line2' AS line2
                FROM patients p JOIN fhir_resource_links l
                  ON l.organization_id = p.organization_id AND l.table_name = 'patients' AND l.row_id = p.id
                WHERE l.organization_id = ? AND l.resource_type = 'Patient' AND l.resource_id = ?""",
                organizationId, resourceId);
        assertThat(rows).as("patients row linked to Patient/" + resourceId).hasSize(1);
        return rows.get(0);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class, organizationId);
    }

    private static Patient patient(String family, String given, String nhsNumber) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        if (nhsNumber != null) {
            patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhsNumber);
        }
        return patient;
    }
}
