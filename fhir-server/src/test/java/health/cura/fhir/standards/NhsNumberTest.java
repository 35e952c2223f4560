package health.cura.fhir.standards;

import static health.cura.fhir.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.mapping.patient.PatientCapture;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import health.cura.mappings.patient.NhsNumber;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NHS numbers as NHS systems use them: stored as ten digits, one patient per number in a clinic (finding 6). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NhsNumberTest extends ServerTest {

    private final Random random = new Random(606);
    private final ClinicalShapes shapes = new ClinicalShapes(6061);
    private String tenant;
    private int organizationId;
    private IGenericClient fhir;

    @BeforeAll
    void clinic() {
        tenant = newTenant("nhs");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 3 4", "3-3-4", "xml 3 3 4"})
    void anNhsNumberWrittenWithSeparatorsIsStoredAndFoundAsItsDigits(String form) {
        String digits = NhsNumber.randomTestNumber(random);
        String separator = form.contains("-") ? "-" : " ";
        String written = digits.substring(0, 3) + separator + digits.substring(3, 6) + separator + digits.substring(6);
        Patient patient = shapes.patient("Spacey");
        patient.getIdentifierFirstRep().setValue(written);
        String body = form.startsWith("xml") ? FHIR.newXmlParser().encodeResourceToString(patient)
                : FHIR.newJsonParser().encodeResourceToString(patient);

        HttpResponse<String> created = http("POST", "/" + tenant + "/Patient", body,
                form.startsWith("xml") ? "application/fhir+xml" : "application/fhir+json");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Bundle found = fhir.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhsNumber.SYSTEM, digits))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        Patient stored = (Patient) found.getEntryFirstRep().getResource();
        assertThat(stored.getIdentifier()).filteredOn(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .extracting(i -> i.getValue()).containsExactly(digits);
    }

    @Test
    void aSecondPatientWithTheSameNhsNumberIsAConflictNamingTheFirst() {
        Patient first = shapes.patient("Original");
        String number = first.getIdentifierFirstRep().getValue();
        IdType original = create(fhir, first);
        Patient second = shapes.patient("Impostor");
        second.getIdentifierFirstRep().setValue(number.substring(0, 3) + " " + number.substring(3));

        HttpResponse<String> response = postJson("/" + tenant + "/Patient",
                FHIR.newJsonParser().encodeResourceToString(second));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.DUPLICATE);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Patient/" + original.getIdPart());
        assertThat(outcome.getIssueFirstRep().getExpression()).extracting(e -> e.getValue())
                .containsExactly("Patient.identifier");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ? AND nhs_number = ?",
                Integer.class, organizationId, number)).isEqualTo(1);
        assertThat(count("Patient?family=Impostor")).isZero();
    }

    @Test
    void aConditionalCreateFindsThePatientWhoHasTheNumber() {
        Patient first = shapes.patient("Conditional");
        String number = first.getIdentifierFirstRep().getValue();
        IdType original = create(fhir, first);

        MethodOutcome again = fhir.create().resource(shapes.patient("Conditional"))
                .conditionalByUrl("Patient?identifier=" + NhsNumber.SYSTEM + "|" + number).execute();

        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(original.getIdPart());
    }

    @Test
    void anUpdateThatTakesAnotherPatientsNumberIsAConflict() {
        Patient first = shapes.patient("Holder");
        String number = first.getIdentifierFirstRep().getValue();
        create(fhir, first);
        IdType otherId = create(fhir, shapes.patient("Taker"));
        Patient other = fhir.read().resource(Patient.class).withId(otherId).execute();
        other.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())).findFirst()
                .orElseThrow().setValue(number);
        other.getMeta().setLastUpdated(null);

        HttpResponse<String> response = http("PUT", "/" + tenant + "/Patient/" + otherId.getIdPart(),
                FHIR.newJsonParser().encodeResourceToString(other), "application/fhir+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(linkedRow(organizationId, "patients", "Patient", otherId.getIdPart()).get("nhs_number"))
                .isNotEqualTo(number);
    }

    @Test
    void duplicatesAlreadyInTheDatabaseStayReadableFlaggedAndUpdatable() {
        String number = NhsNumber.randomTestNumber(random);
        // as an existing database holds them: both rows there before either is captured
        List<Integer> rows = jdbc.queryForList("INSERT INTO patients (organization_id, patient_id, first_name, "
                + "last_name, nhs_number) VALUES (?, ?, 'Row', 'Twin', ?), (?, ?, 'Row', 'Twin', ?) RETURNING id",
                Integer.class, organizationId, "SQL-" + UUID.randomUUID().toString().substring(0, 8), number,
                organizationId, "SQL-" + UUID.randomUUID().toString().substring(0, 8), number);
        List<Patient> twins = rows.stream().map(row -> await(() -> patientOf(row))).toList();

        for (Patient twin : twins) {
            assertThat(twin.getMeta().getTag()).extracting(t -> t.getCode()).contains(PatientCapture.SHARED_NHS_NUMBER);
        }
        Patient kept = twins.get(0);
        kept.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("01632 960001");
        kept.getMeta().setLastUpdated(null);
        MethodOutcome updated = fhir.update().resource(kept).execute();
        assertThat(updated.getId().getVersionIdPart()).isNotEqualTo(kept.getMeta().getVersionId());
    }

    private Optional<Patient> patientOf(int row) {
        return jdbc.queryForList("SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND "
                        + "table_name = 'patients' AND row_id = ?", String.class, organizationId, row).stream()
                .findFirst().map(id -> fhir.read().resource(Patient.class).withId(id).execute());
    }

    private int count(String query) {
        return entries(get("/" + tenant + "/" + query).body()).size();
    }
}
