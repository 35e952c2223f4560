package health.cura.fhir.standards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every profiled type is written in XML as well as JSON: created, read back and updated (issue 16, finding 1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XmlWritesTest extends ServerTest {

    private final ClinicalShapes shapes = new ClinicalShapes(16);
    private String tenant;
    private IGenericClient xml;
    private Reference patient;
    private Reference doctor;
    private Reference encounter;
    private Reference study;
    private String binary;

    @BeforeAll
    void clinic() {
        tenant = newTenant("xml");
        IGenericClient json = client(tenant);
        patient = new Reference(create(json, shapes.patient("Xmlton")));
        doctor = new Reference(create(json, ClinicalShapes.practitioner("Parser")));
        encounter = new Reference(create(json, ClinicalShapes.encounter(patient, doctor)));
        ImagingStudy imaging = ClinicalShapes.imagingStudy(patient);
        imaging.addInterpreter(doctor);
        study = new Reference(create(json, imaging));
        binary = create(json, new Binary().setContentType("application/dicom")
                .setData("DICM".getBytes(StandardCharsets.US_ASCII))).getValue();
        xml = client(tenant);
        xml.setEncoding(EncodingEnum.XML);
    }

    @Test
    void thePatientOfTheIssueIsCreatedFromXml() {
        HttpResponse<String> response = http("POST", "/" + tenant + "/Patient",
                "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"X\"/></name></Patient>",
                "application/fhir+xml", "Accept", "application/fhir+xml");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).startsWith("<Patient xmlns=\"http://hl7.org/fhir\">").contains("<family value=\"X\"/>");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "Practitioner", "PractitionerRole", "Organization", "Appointment", "Encounter",
        "Observation", "Condition", "MedicationRequest", "DiagnosticReport", "ImagingStudy", "DocumentReference",
        "Consent", "Coverage"})
    void everyProfiledTypeIsCreatedReadAndUpdatedInXml(String type) {
        Resource resource = shape(type);

        MethodOutcome created = xml.create().resource(resource).execute();

        assertThat(created.getCreated()).as(type).isTrue();
        IdType id = (IdType) created.getId().toUnqualifiedVersionless();
        Resource stored = (Resource) xml.read().resource(type).withId(id).execute();
        assertThat(stored.getMeta().getProfile()).as(type).isNotEmpty();
        stored.getMeta().setLastUpdated(null);
        stored.setLanguage("en-GB");

        MethodOutcome updated = xml.update().resource(stored).execute();

        assertThat(updated.getId().getVersionIdPart()).as(type).isEqualTo("2");
        Resource reread = (Resource) xml.read().resource(type).withId(id).execute();
        assertThat(reread.getLanguage()).as(type).isEqualTo("en-GB");
    }

    private Resource shape(String type) {
        return switch (type) {
            case "Patient" -> shapes.patient("Xmlwright");
            case "Practitioner" -> ClinicalShapes.practitioner("Markup");
            case "PractitionerRole" -> ClinicalShapes.role(doctor, null);
            case "Organization" -> ClinicalShapes.laboratory("Angle Bracket Pathology");
            case "Appointment" -> ClinicalShapes.appointment(patient, doctor);
            case "Encounter" -> ClinicalShapes.encounter(patient, doctor);
            case "Observation" -> ClinicalShapes.heartRate(patient, encounter);
            case "Condition" -> ClinicalShapes.diagnosis(patient, encounter);
            case "MedicationRequest" -> ClinicalShapes.prescription(patient, doctor);
            case "DiagnosticReport" -> ClinicalShapes.labReport(patient, doctor);
            case "ImagingStudy" -> ClinicalShapes.imagingStudy(patient).addInterpreter(doctor);
            case "DocumentReference" -> ClinicalShapes.document(patient, study, binary);
            case "Consent" -> ClinicalShapes.researchConsent(patient);
            case "Coverage" -> ClinicalShapes.coverage(newPatient());
            default -> throw new IllegalArgumentException(type);
        };
    }

    private Reference newPatient() {
        Patient insured = shapes.patient("Insured");
        return new Reference(create(client(tenant), insured));
    }
}
