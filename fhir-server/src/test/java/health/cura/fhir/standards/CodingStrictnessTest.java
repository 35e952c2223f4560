package health.cura.fhir.standards;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Codings are held to the binding strength FHIR and UK Core give them, no stricter (finding 3): a concept coded in
 * several systems passes when one coding is in the value set, and a preferred or example binding never refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodingStrictnessTest extends ServerTest {

    private final ClinicalShapes shapes = new ClinicalShapes(303);
    private String tenant;

    @BeforeAll
    void clinic() {
        tenant = newTenant("codings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/fhir+json", "application/fhir+xml"})
    void aLanguageCodedInBcp47AndSnomedIsAcceptedAndReadBackWithBoth(String format) {
        Patient patient = shapes.patient("Bilingual");
        patient.addCommunication().setPreferred(true).setLanguage(new CodeableConcept()
                .addCoding(new Coding("urn:ietf:bcp:47", "en-GB", "English (United Kingdom)"))
                .addCoding(new Coding("http://snomed.info/sct", "315570003", "Main spoken language English")));
        String body = format.endsWith("xml") ? FHIR.newXmlParser().encodeResourceToString(patient)
                : FHIR.newJsonParser().encodeResourceToString(patient);

        HttpResponse<String> response = http("POST", "/" + tenant + "/Patient", body, format);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Patient stored = client(tenant).read().resource(Patient.class)
                .withUrl(response.headers().firstValue("Location").orElseThrow()).execute();
        assertThat(stored.getCommunicationFirstRep().getLanguage().getCoding()).extracting(Coding::getCode)
                .containsExactly("en-GB", "315570003");
    }

    @Test
    void aLanguageCodedOnlyOutsideTheRequiredValueSetIsStillRefused() {
        // UK Core binds the language to "All Languages", required: a coding from it is needed, and one is enough
        Patient patient = shapes.patient("Klingon");
        patient.addCommunication().setLanguage(new CodeableConcept()
                .addCoding(new Coding("http://snomed.info/sct", "315570003", "Main spoken language English")));

        HttpResponse<String> response = postJson("/" + tenant + "/Patient",
                FHIR.newJsonParser().encodeResourceToString(patient));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("All Languages");
    }
}
