package health.cura.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A patient-context token (Alice's, from an EHR launch with {@code patient/*.rs}) cannot reach another patient (Bob)
 * by any route: read, search, {@code _include}, {@code _revinclude}, chains, {@code _has}, {@code _history},
 * {@code $everything}, bulk export (refused: only backend services that read every type may export). Each row is a request, the status the app gets, and whether Alice's data is in it;
 * none of Bob's ids may appear in any answer. Type-level {@code Patient/$everything} is not offered at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientCompartmentTest extends ServerTest {

    private static final String PASSWORD = "compartment 7";

    private String clinic;
    private String practitioner;
    private Person alice;
    private Person bob;
    private String aliceToken;

    /** A patient with an Observation and an Encounter. */
    private record Person(String patient, String observation, String encounter) {
        List<String> ids() {
            return List.of(patient, observation, encounter);
        }
    }

    @BeforeAll
    void twoPatientsAndAlicesToken() {
        clinic = newTenant("compartment");
        practitioner = createPractitioner(client(clinic), "Mensah").getIdPart();
        jdbc.update("UPDATE users SET username = 'dr.mensah', password_hash = ? WHERE id = ?",
                new BCryptPasswordEncoder().encode(PASSWORD), rowId(organizationId(clinic), "Practitioner", practitioner));
        alice = person("Alice", "Liddell");
        bob = person("Bob", "Marley");
        String redirect = "https://app.example/cb";
        // registered as an integrator would, through the API: patient/ scopes are an app's to ask for
        HttpResponse<String> registered = postJson("/DEFAULT/$register-client", """
                {"resourceType":"Parameters","parameter":[
                 {"name":"tenant","valueString":"%s"},{"name":"name","valueString":"Patient viewer"},
                 {"name":"kind","valueCode":"public-app"},{"name":"scope","valueString":"launch patient/*.rs"},
                 {"name":"redirectUri","valueUri":"%s"}]}""".formatted(clinic, redirect));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String clientId = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Parameters.class,
                registered.body()).getParameter("client_id").getValue().primitiveValue();
        SmartApp app = new SmartApp(base(), tokenEndpoint(), clinic, clientId, redirect);
        HttpResponse<String> opened = http("POST", "/" + clinic + "/$smart-launch",
                SmartApp.launchRequest(alice.patient()), "application/fhir+json");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        aliceToken = app.launch(port, SmartApp.launchOf(opened.body()), "patient/*.rs", "dr.mensah", PASSWORD)
                .get("access_token").asText();
    }

    @Test
    void anAppMayNotBeRegisteredWithSystemScopes() {
        HttpResponse<String> refused = postJson("/DEFAULT/$register-client", """
                {"resourceType":"Parameters","parameter":[
                 {"name":"tenant","valueString":"%s"},{"name":"name","valueString":"Overreaching app"},
                 {"name":"kind","valueCode":"public-app"},{"name":"scope","valueString":"launch system/*.rs"},
                 {"name":"redirectUri","valueUri":"https://app.example/cb"}]}""".formatted(clinic));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("system/*.rs is not a patient/ or user/ SMART scope");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Patient/{alice}                                        | 200 | true",
        "Patient/{bob}                                          | 403 | false",
        "Observation/{bobObservation}                           | 403 | false",
        "Patient                                                | 200 | true",
        "Patient?_id={bob}                                      | 403 | false",
        "Observation                                            | 200 | true",
        "Encounter                                              | 200 | true",
        "Observation?subject=Patient/{bob}                      | 403 | false",
        "Observation?patient={bob}                              | 403 | false",
        "Observation?_include=Observation:subject               | 200 | true",
        "Patient?_revinclude=Observation:subject                | 200 | true",
        "Observation?subject.family=Marley                      | 200 | false",
        "Observation?subject:Patient.name=Bob                   | 200 | false",
        "Patient?_has:Observation:subject:code=8867-4           | 200 | true",
        "Patient/{bob}/_history                                 | 403 | false",
        "Observation/{bobObservation}/_history                  | 403 | false",
        "Observation/_history                                   | 403 | false",
        "_history                                               | 403 | false",
        "Patient/{alice}/$everything                            | 200 | true",
        "Patient/{bob}/$everything                              | 403 | false",
        "Patient/$everything                                    | 403 | false",
        "Practitioner/{practitioner}                            | 200 | false",
        "Patient/$export                                        | 403 | false",
        "$export                                                | 403 | false",
        "Group/$export                                          | 400 | false", // group export is per Group instance
    })
    void alicesTokenNeverReachesBob(String request, int expectedStatus, boolean hasAlice) {
        String path = "/" + clinic + "/" + request.replace("{alice}", alice.patient()).replace("{bob}", bob.patient())
                .replace("{bobObservation}", bob.observation()).replace("{practitioner}", practitioner);
        HttpResponse<String> answer = getWithToken(path, aliceToken);
        assertThat(answer.statusCode()).as(path + "\n" + answer.body()).isEqualTo(expectedStatus);
        for (String id : bob.ids()) {
            assertThat(answer.body()).as("Bob's data in " + path).doesNotContain(id);
        }
        if (hasAlice) {
            assertThat(answer.body()).as("Alice's data in " + path).contains(alice.patient());
        }
    }

    private Person person(String given, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        String id = create(client(clinic), patient).getIdPart();
        Encounter visit = new Encounter();
        visit.setStatus(Encounter.EncounterStatus.FINISHED);
        visit.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        visit.setSubject(new Reference("Patient/" + id));
        visit.addParticipant().setIndividual(new Reference("Practitioner/" + practitioner));
        visit.getPeriod().setStartElement(new DateTimeType("2026-11-01T09:30:00Z"));
        return new Person(id, create(client(clinic), pulse(id)).getIdPart(), create(client(clinic), visit).getIdPart());
    }
}
