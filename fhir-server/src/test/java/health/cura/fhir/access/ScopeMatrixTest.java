package health.cura.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which SMART scopes allow which interactions: each row is a token's scopes, an interaction, and the status a client
 * gets. v1 ({@code read}, {@code write}, {@code *}) and v2 ({@code cruds}) grammars are both accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeMatrixTest extends ServerTest {

    private String clinic;
    private String patientId;
    private String observationId;

    @BeforeAll
    void clinic() {
        clinic = newTenant("scopes");
        patientId = createPatient(client(clinic), "Matrix").getIdPart();
        org.hl7.fhir.r4.model.Observation observation = new org.hl7.fhir.r4.model.Observation();
        observation.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        observation.getCategoryFirstRep().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
        observation.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        observation.setValue(new org.hl7.fhir.r4.model.Quantity(72).setUnit("/min")
                .setSystem("http://unitsofmeasure.org").setCode("/min"));
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01T10:00:00Z"));
        observationId = create(client(clinic), observation).getIdPart();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        "system/Patient.read,     read Patient,        200",
        "system/Patient.read,     search Patient,      200",
        "system/Patient.read,     create Patient,      403",
        "system/Patient.read,     read Observation,    403",
        "system/*.read,           read Observation,    200",
        "system/*.read,           delete Patient,      403",
        "system/Patient.write,    create Patient,      201",
        "system/Patient.write,    read Patient,        403",
        "system/*.*,              create Patient,      201",
        "system/Patient.rs,       read Patient,        200",
        "system/Patient.rs,       search Patient,      200",
        "system/Patient.r,        read Patient,        200",
        "system/Patient.r,        search Patient,      403",
        "system/Patient.s,        search Patient,      200",
        "system/Patient.s,        read Patient,        403",
        "system/Patient.c,        create Patient,      201",
        "system/Patient.c,        read Patient,        403",
        "system/Patient.u,        create Patient,      403",
        "system/Patient.cruds,    delete Observation,  403",
        "system/Observation.d,    read Observation,    403",
        "system/Observation.rs?category=vital-signs,  read Observation,  200",
        "system/Observation.rs?category=laboratory,   read Observation,  403",
    })
    void scopeAllowsExactlyItsInteractions(String scope, String interaction, int expected) {
        String token = tokenWithScopes(clinic, scope);
        assertThat(perform(interaction, token).statusCode()).as(scope + " " + interaction).isEqualTo(expected);
    }

    private HttpResponse<String> perform(String interaction, String token) {
        String bearer = "Bearer " + token;
        return switch (interaction) {
            case "read Patient" -> getWithToken("/" + clinic + "/Patient/" + patientId, token);
            case "search Patient" -> getWithToken("/" + clinic + "/Patient?family=Matrix", token);
            case "read Observation" -> getWithToken("/" + clinic + "/Observation/" + observationId, token);
            case "create Patient" -> http("POST", "/" + clinic + "/Patient",
                    "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Created\"}]}", "application/fhir+json",
                    "Authorization", bearer);
            case "delete Patient" -> http("DELETE", "/" + clinic + "/Patient/" + patientId, null, null,
                    "Authorization", bearer);
            case "delete Observation" -> http("DELETE", "/" + clinic + "/Observation/" + observationId, null, null,
                    "Authorization", bearer);
            default -> throw new IllegalArgumentException(interaction);
        };
    }
}
