package health.cura.fhir.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ServerTest;
import health.cura.mappings.patient.NhsNumber;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Writes of mapped types are validated against the Cura profiles (UK Core based) and R4 before anything is stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileValidationTest extends ServerTest {

    private final Random random = new Random(7);
    private String tenant;
    private int organizationId;
    private IGenericClient fhir;

    @Autowired
    private DaoRegistry daos;

    @BeforeAll
    void clinic() {
        tenant = newTenant("validation");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
    }

    @Test
    void aStoredPatientDeclaresTheCuraProfileItWasValidatedAgainst() {
        Patient patient = patient("Valid", NhsNumber.randomTestNumber(random));
        IdType id = create(fhir, patient);

        Patient stored = fhir.read().resource(Patient.class).withId(id).execute();
        assertThat(stored.getMeta().getProfile())
                .extracting(p -> p.getValue())
                .contains(CuraCanonical.profile("cura-patient"));
    }

    @Test
    void aWrongNhsNumberCheckDigitIsRefusedWithTheValidatorsMessageAndNothingIsStored() {
        String valid = NhsNumber.randomTestNumber(random);
        String wrongCheckDigit = valid.substring(0, 9) + ((valid.charAt(9) - '0' + 1) % 10);
        String body = FHIR.newJsonParser().encodeResourceToString(patient("Mistyped", wrongCheckDigit));

        HttpResponse<String> response = postJson("/" + tenant + "/Patient", body);

        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(errors(outcome)).anyMatch(message -> message.contains("cura-nhs-1")
                && message.contains("modulus 11 check digit"));
        assertThat(count("Patient?family=Mistyped")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ? AND nhs_number = ?",
                Integer.class, organizationId, wrongCheckDigit)).isZero();
    }

    @Test
    void anNhsNumberWrittenWithSpacesPassesTheCheck() {
        String valid = NhsNumber.randomTestNumber(random);
        String spaced = valid.substring(0, 3) + " " + valid.substring(3, 6) + " " + valid.substring(6);

        IdType id = create(fhir, patient("Spaced", spaced));

        assertThat(linkedRow(organizationId, "patients", "Patient", id.getIdPart())).containsEntry("nhs_number", valid);
    }

    @Test
    void anR4InvariantViolationIsRefused() {
        Patient patient = patient("Contactless", NhsNumber.randomTestNumber(random));
        // pat-1: a contact needs a name, telecom, address or organization, not just a relationship
        patient.addContact().addRelationship().setText("Neighbour");

        HttpResponse<String> response =
                postJson("/" + tenant + "/Patient", FHIR.newJsonParser().encodeResourceToString(patient));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errors(FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body())))
                .anyMatch(message -> message.contains("pat-1"));
        assertThat(count("Patient?family=Contactless")).isZero();
    }

    @Test
    void snomedCodesThatCannotBeCheckedOfflineAreAcceptedWithAWarning() {
        IdType patient = create(fhir, patient("Snomed", NhsNumber.randomTestNumber(random)));
        Condition condition = new Condition();
        condition.setSubject(new Reference(patient));
        condition.setCode(new CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding("http://snomed.info/sct", "44054006", "Diabetes mellitus type 2")));
        condition.setClinicalStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        String body = FHIR.newJsonParser().encodeResourceToString(condition);

        HttpResponse<String> validated = postJson("/" + tenant + "/Condition/$validate", body);
        assertThat(validated.statusCode()).isEqualTo(200);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, validated.body());
        assertThat(errors(outcome)).isEmpty();

        assertThat(postJson("/" + tenant + "/Condition", body).statusCode()).isEqualTo(201);
    }

    @Test
    void validateOperationReportsTheCuraProfilesRulesToClients() {
        String valid = NhsNumber.randomTestNumber(random);
        String wrong = valid.substring(0, 9) + ((valid.charAt(9) - '0' + 1) % 10);
        String body = FHIR.newJsonParser().encodeResourceToString(patient("Checked", wrong));

        HttpResponse<String> response = postJson("/" + tenant + "/Patient/$validate", body);

        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(errors(outcome)).as(response.body()).anyMatch(message -> message.contains("cura-nhs-1"));
        assertThat(count("Patient?family=Checked")).isZero();
    }

    @Test
    void directDaoWritesAreValidatedToo() {
        Patient patient = patient("DaoInvalid", "1234567890");
        SystemRequestDetails request = SystemRequestDetails.forRequestPartitionId(
                ca.uhn.fhir.interceptor.model.RequestPartitionId.fromPartitionId(organizationId));

        assertThatThrownBy(() -> daos.getResourceDao(Patient.class).create(patient, request))
                .isInstanceOf(UnprocessableEntityException.class);
        assertThat(count("Patient?family=DaoInvalid")).isZero();
    }

    private static Patient patient(String family, String nhsNumber) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven("Sam");
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhsNumber);
        return patient;
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
    }

    private int count(String search) {
        return fhir.search().byUrl(search).returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry().size();
    }
}
