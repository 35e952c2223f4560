package health.cura.fhir.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.ServerTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Everything written in clinic A, and every route by which clinic B might see it: B must see nothing and learn
 * nothing, not even that an id exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest extends ServerTest {

    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String NHS_NUMBER = "9434765919";

    private String a;
    private String b;
    private IGenericClient clientA;
    private String patientId;
    private String observationId;
    private String sourceOfA;

    @BeforeAll
    void writeInA() {
        a = newTenant("iso-a");
        b = newTenant("iso-b");
        clientA = client(a);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NHS).setValue(NHS_NUMBER);
        patient.addName().setFamily("Isolde").addGiven("Ada");
        patient.getMeta().setSource("https://feed.iso-a.example/adt");
        patientId = clientA.create().resource(patient).execute().getId().getIdPart();

        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("Heart rate");
        observation.setSubject(new Reference("Patient/" + patientId));
        observationId = clientA.create().resource(observation).execute().getId().getIdPart();

        Patient stored = clientA.read().resource(Patient.class).withId(patientId).execute();
        sourceOfA = stored.getMeta().getSource();
    }

    @Test
    void aSeesItsOwnData() {
        Patient read = clientA.read().resource(Patient.class).withId(patientId).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Isolde");
        Bundle found = clientA.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS, NHS_NUMBER))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
    }

    @Test
    void readFromBIsIndistinguishableFromAnIdThatNeverExisted() {
        HttpResponse<String> foreign = get("/" + b + "/Patient/" + patientId);
        String never = UUID.randomUUID().toString();
        HttpResponse<String> missing = get("/" + b + "/Patient/" + never);
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(diagnostics(foreign.body()).replace(patientId, "ID"))
                .isEqualTo(diagnostics(missing.body()).replace(never, "ID"));
        assertThat(get("/" + b + "/Patient/" + patientId + "/_history/1").statusCode()).isEqualTo(404);
    }

    @Test
    void searchesInBFindNothingOfA() {
        for (String query : List.of(
                "/Patient",
                "/Patient?identifier=" + encode(NHS + "|" + NHS_NUMBER),
                "/Patient?family=Isolde",
                "/Patient?_id=" + patientId,
                "/Observation?subject=Patient/" + patientId,
                "/Observation?subject.identifier=" + NHS_NUMBER,
                "/Observation?subject:Patient.family=Isolde",
                "/Patient?_has:Observation:subject:status=final",
                "/Observation?_include=Observation:subject",
                "/Patient?_revinclude=Observation:subject",
                "/Patient?_source=" + encode(sourceOfA))) {
            HttpResponse<String> response = get("/" + b + query);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertThat(entries(response.body())).as(query)
                    .noneMatch(e -> e.contains(patientId) || e.contains("Isolde") || e.contains(observationId));
        }
        // Full-text search is not offered at all, so it cannot reach another clinic either.
        assertThat(get("/" + b + "/Patient?_content=Isolde").statusCode()).isEqualTo(400);
    }

    @Test
    void aHistoryAnswersWithItsOwnClinicsTotalRightAfterAnotherClinicsSameQuery() {
        String first = newTenant("history-one");
        String second = newTenant("history-two");
        createPatient(client(first), "Historyone");
        createPatient(client(first), "Historyone");
        createPatient(client(second), "Historytwo");
        for (int round = 0; round < 2; round++) {
            assertThat(total(get("/" + first + "/Patient/_history").body())).as("first clinic").isEqualTo(2);
            assertThat(total(get("/" + second + "/Patient/_history").body())).as("second clinic").isEqualTo(1);
        }
    }

    private static int total(String bundleJson) {
        return FHIR.newJsonParser().parseResource(Bundle.class, bundleJson).getTotal();
    }

    @Test
    void historyInBShowsNothingOfA() {
        for (String path : List.of("/_history", "/Patient/_history", "/Observation/_history")) {
            HttpResponse<String> response = get("/" + b + path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(entries(response.body())).as(path)
                    .noneMatch(e -> e.contains(patientId) || e.contains(observationId));
        }
        assertThat(get("/" + b + "/Patient/" + patientId + "/_history").statusCode()).isEqualTo(404);
        assertThat(get("/" + a + "/_history").body()).contains(patientId);
    }

    @Test
    void everythingOfAsPatientIsNotReachableFromB() {
        HttpResponse<String> fromB = get("/" + b + "/Patient/" + patientId + "/$everything");
        assertThat(fromB.statusCode()).isEqualTo(404);
        assertThat(fromB.body()).doesNotContain("Isolde");
        HttpResponse<String> fromA = get("/" + a + "/Patient/" + patientId + "/$everything");
        assertThat(fromA.statusCode()).isEqualTo(200);
        assertThat(fromA.body()).contains(observationId);
    }

    /** HAPI 8.8 runs type-level $everything over every partition: it is not offered, so it counts nothing. */
    @Test
    void typeLevelEverythingIsNotOfferedSinceHapiRunsItOverEveryClinic() {
        String empty = newTenant("iso-empty");
        for (String type : new String[] {"Patient", "Encounter"}) {
            HttpResponse<String> everything = get("/" + empty + "/" + type + "/$everything");

            assertThat(everything.statusCode()).as(type).isEqualTo(403);
            assertThat(everything.body()).as(type).contains("$everything").doesNotContain("\"total\"");
        }
        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                get("/" + empty + "/metadata").body());
        assertThat(statement.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("Patient"))
                .flatExtracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getOperation)
                .extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
                .as("instance-level $everything stays listed").contains("everything");
    }

    @Test
    void encounterEverythingStaysInItsTenant() {
        // hapi-fhir #7387: Encounter $everything in request-tenant mode.
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference("Patient/" + patientId));
        // what the clinic's consultations row needs: a clinician and a start
        Practitioner clinician = new Practitioner();
        clinician.addName().setFamily("Clinician");
        encounter.addParticipant().setIndividual(new Reference(
                clientA.create().resource(clinician).execute().getId().toUnqualifiedVersionless()));
        encounter.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01T10:00:00Z"));
        String encounterId = clientA.create().resource(encounter).execute().getId().getIdPart();

        HttpResponse<String> fromB = get("/" + b + "/Encounter/" + encounterId + "/$everything");
        assertThat(fromB.statusCode()).isEqualTo(404);
        assertThat(fromB.body()).doesNotContain("Isolde");
        HttpResponse<String> fromA = get("/" + a + "/Encounter/" + encounterId + "/$everything");
        assertThat(fromA.statusCode()).isEqualTo(200);
        assertThat(entries(fromA.body())).anyMatch(e -> e.contains(encounterId));
    }

    @Test
    void conditionalCreateInBDoesNotMatchOrCollideWithA() {
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + NHS + "\",\"value\":\""
                + NHS_NUMBER + "\"}]}";
        HttpResponse<String> created = http("POST", "/" + b + "/Patient", body, "application/fhir+json");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(patientId);
        HttpResponse<String> conditional = conditionalCreate(b, body, "identifier=" + NHS + "|" + NHS_NUMBER);
        // B now has its own patient with that number: the conditional create matches B's, never A's.
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(conditional.body()).doesNotContain(patientId);
        String other = newTenant("iso-c");
        HttpResponse<String> inC = conditionalCreate(other, body, "identifier=" + NHS + "|" + NHS_NUMBER);
        assertThat(inC.statusCode()).isEqualTo(201);
        assertThat(inC.body()).doesNotContain(patientId);
    }

    /** Synthea's practitioner bundles do this: the same ifNoneExist in every clinic that loads them. */
    @Test
    void bundleConditionalCreatesOfTheSameIdentifierSucceedInEachTenant() {
        String npi = UUID.randomUUID().toString();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                 "resource":{"resourceType":"Practitioner","name":[{"family":"Npi"}],
                   "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"%s"}]},
                 "request":{"method":"POST","url":"Practitioner",
                   "ifNoneExist":"identifier=http://hl7.org/fhir/sid/us-npi|%s"}}]}"""
                .formatted(UUID.randomUUID(), npi, npi);
        for (String tenant : List.of(a, b, newTenant("iso-d"))) {
            HttpResponse<String> response = postJson("/" + tenant, bundle);
            assertThat(response.statusCode()).as(tenant + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).contains("201 Created");
        }
    }

    @Test
    void updateInBWithAsIdIsRefusedLikeAnyUnknownId() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + patientId + "\"}";
        HttpResponse<String> foreign = http("PUT", "/" + b + "/Patient/" + patientId, body, "application/fhir+json");
        String never = UUID.randomUUID().toString();
        HttpResponse<String> unknown = http("PUT", "/" + b + "/Patient/" + never,
                "{\"resourceType\":\"Patient\",\"id\":\"" + never + "\"}", "application/fhir+json");
        assertThat(foreign.statusCode()).isBetween(400, 499).isEqualTo(unknown.statusCode());
        assertThat(diagnostics(foreign.body()).replace(patientId, "ID"))
                .isEqualTo(diagnostics(unknown.body()).replace(never, "ID"));
        assertThat(clientA.read().resource(Patient.class).withId(patientId).execute().getMeta().getVersionId())
                .isEqualTo("1");
    }

    @Test
    void deleteInBLeavesAsResourceAloneAndAnswersAsForAnUnknownId() {
        HttpResponse<String> foreign = http("DELETE", "/" + b + "/Patient/" + patientId, null, null);
        String never = UUID.randomUUID().toString();
        HttpResponse<String> unknown = http("DELETE", "/" + b + "/Patient/" + never, null, null);
        assertThat(foreign.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(diagnostics(foreign.body()).replace(patientId, "ID"))
                .isEqualTo(diagnostics(unknown.body()).replace(never, "ID"));
        assertThat(clientA.read().resource(Patient.class).withId(patientId).execute().getIdElement().getIdPart())
                .isEqualTo(patientId);
    }

    @Test
    void referenceFromBToAsResourceIsRefusedLikeAMissingOne() {
        String never = UUID.randomUUID().toString();
        HttpResponse<String> foreign = postJson("/" + b + "/Observation", observationFor(patientId));
        HttpResponse<String> missing = postJson("/" + b + "/Observation", observationFor(never));
        assertThat(foreign.statusCode()).isBetween(400, 499).isEqualTo(missing.statusCode());
        assertThat(diagnostics(foreign.body()).replace(patientId, "ID"))
                .isEqualTo(diagnostics(missing.body()).replace(never, "ID"));
    }

    @Test
    void pagingThroughASearchOfAFromBIsRefusedLikeAnUnknownSearch() {
        for (int i = 0; i < 3; i++) {
            Patient extra = new Patient();
            extra.addName().setFamily("Pager" + i);
            clientA.create().resource(extra).execute();
        }
        Bundle firstPage = clientA.search().forResource(Patient.class).count(1).returnBundle(Bundle.class).execute();
        String next = firstPage.getLink("next").getUrl();
        String searchId = next.replaceAll(".*_getpages=([^&]+).*", "$1");
        String query = next.substring(next.indexOf('?'));

        HttpResponse<String> fromA = get("/" + a + query);
        assertThat(fromA.statusCode()).isEqualTo(200);
        HttpResponse<String> fromB = get("/" + b + query);
        String never = UUID.randomUUID().toString();
        HttpResponse<String> unknown = get("/" + b + query.replace(searchId, never));
        assertThat(fromB.statusCode()).isEqualTo(410).isEqualTo(unknown.statusCode());
        assertThat(fromB.body()).doesNotContain("Pager").doesNotContain("Isolde");
        assertThat(diagnostics(fromB.body()).replace(searchId, "ID"))
                .isEqualTo(diagnostics(unknown.body()).replace(never, "ID"));
    }

    @Test
    void aPageFarBeyondTheEndOfAsSearchAnswersBLikeAnUnknownSearch() {
        for (int i = 0; i < 2; i++) {
            Patient extra = new Patient();
            extra.addName().setFamily("Farpager" + i);
            clientA.create().resource(extra).execute();
        }
        Bundle firstPage = clientA.search().forResource(Patient.class).count(1).returnBundle(Bundle.class).execute();
        String next = firstPage.getLink("next").getUrl();
        String searchId = next.replaceAll(".*_getpages=([^&]+).*", "$1");
        String query = "?_getpages=" + searchId + "&_getpagesoffset=1000&_count=1";
        String never = UUID.randomUUID().toString();

        HttpResponse<String> fromB = get("/" + b + query);
        HttpResponse<String> unknown = get("/" + b + query.replace(searchId, never));

        assertThat(fromB.statusCode()).isEqualTo(410).isEqualTo(unknown.statusCode());
        assertThat(fromB.body()).doesNotContain("\"total\"");
        assertThat(diagnostics(fromB.body()).replace(searchId, "ID"))
                .isEqualTo(diagnostics(unknown.body()).replace(never, "ID"));
        assertThat(get("/" + a + query).statusCode()).as("A's own far page").isEqualTo(200);
    }

    @Test
    void anExportOfAPolledOrCancelledFromBAnswersLikeAnUnknownExport() {
        HttpResponse<String> kickOff = http("GET", "/" + a + "/$export?_type=Patient", null, null,
                "Prefer", "respond-async");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String jobId = status.replaceAll(".*_jobId=([^&]+).*", "$1");
        String never = UUID.randomUUID().toString();

        for (String method : new String[] {"GET", "DELETE"}) {
            HttpResponse<String> foreign = http(method, "/" + b + "/$export-poll-status?_jobId=" + jobId, null, null);
            HttpResponse<String> missing = http(method, "/" + b + "/$export-poll-status?_jobId=" + never, null, null);
            assertThat(foreign.statusCode()).as(method).isEqualTo(404).isEqualTo(missing.statusCode());
            assertThat(diagnostics(foreign.body()).replace(jobId, "ID")).as(method)
                    .isEqualTo(diagnostics(missing.body()).replace(never, "ID"));
        }
        assertThat(http("GET", "/" + a + "/$export-poll-status?_jobId=" + jobId, null, null).statusCode())
                .as("A polls its own export").isIn(200, 202);
    }

    @Test
    void transactionBundleInALandsInAOnly() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:5d1a3c6e-0000-4000-8000-000000000001",
                  "resource":{"resourceType":"Patient","name":[{"family":"Transacta"}]},
                  "request":{"method":"POST","url":"Patient"}},
                 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"Weight"},
                   "subject":{"reference":"urn:uuid:5d1a3c6e-0000-4000-8000-000000000001"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """;
        HttpResponse<String> response = postJson("/" + a, bundle);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(entries(get("/" + a + "/Patient?family=Transacta").body())).hasSize(1);
        assertThat(entries(get("/" + a + "/Observation?subject.family=Transacta").body()))
                .singleElement().asString().contains("Weight");
        assertThat(entries(get("/" + b + "/Patient?family=Transacta").body())).isEmpty();
    }

    private HttpResponse<String> conditionalCreate(String tenant, String body, String criteria) {
        return http("POST", "/" + tenant + "/Patient", body, "application/fhir+json", "If-None-Exist", criteria);
    }

    private static String observationFor(String patient) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
