package health.cura.fhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartBrowser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The routes of the outside attack run (issue 15), replayed in one run by a hostile clinic with its own valid tokens
 * against a victim clinic that holds data: every answer the hostile clinic gets about the victim's ids is exactly the
 * answer for an id that never existed, no answer is a 5xx or shows the victim's data, costly or malformed requests are
 * refused before they run, counts are each clinic's own, and no hostile action locks out or slows the victim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClinicTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String PASSWORD = "victim's own password";

    private String victim;
    private String hostile;
    private final String family = "Victimised" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "x");
    private final String nhsNumber = nhsNumber();
    private Ids victimIds;

    /** The ids a probe names: the victim's real ones, or ones that never existed anywhere. */
    private record Ids(String patient, String observation, String nhs, String search, String job) {

        String fill(String template) {
            return template.replace("{patient}", patient).replace("{observation}", observation)
                    .replace("{nhs}", URLEncoder.encode(NHS + "|" + nhs, StandardCharsets.UTF_8))
                    .replace("{search}", search).replace("{job}", job);
        }
    }

    /** What an answer reveals: its status, its OperationOutcome's words, its bundle's count and size. */
    private record Revealed(int status, String diagnostics, String total, int entries) {}

    @BeforeAll
    void victimWithDataAndAHostileClinic() {
        victim = newTenant("victim");
        hostile = newTenant("hostile");
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        patient.addIdentifier().setSystem(NHS).setValue(nhsNumber);
        String patientId = create(client(victim), patient).getIdPart();
        String observationId = create(client(victim), pulse(patientId)).getIdPart();
        createPatient(client(victim), family);
        Bundle page = client(victim).search().forResource(Patient.class).count(1).returnBundle(Bundle.class)
                .execute();
        String search = page.getLink("next").getUrl().replaceAll(".*_getpages=([^&]+).*", "$1");
        HttpResponse<String> export = http("GET", "/" + victim + "/$export?_type=Patient", null, null,
                "Prefer", "respond-async");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
        String job = export.headers().firstValue("Content-Location").orElseThrow()
                .replaceAll(".*_jobId=([^&]+).*", "$1");
        victimIds = new Ids(patientId, observationId, nhsNumber, search, job);
        createPatient(client(hostile), "Hostile");
    }

    @Test
    void everyProbeOfTheVictimsIdsAnswersAsForIdsThatNeverExisted() {
        Ids never = new Ids(UUID.randomUUID().toString(), UUID.randomUUID().toString(), nhsNumber(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String[][] probes = {
            {"GET", "Patient/{patient}", null},
            {"GET", "Observation/{observation}", null},
            {"GET", "Patient/{patient}/_history", null},
            {"GET", "Patient/{patient}/_history/1", null},
            {"GET", "Patient/{patient}/$everything", null},
            {"GET", "Patient?_id={patient}", null},
            {"GET", "Patient?identifier={nhs}", null},
            {"GET", "Observation?subject=Patient/{patient}", null},
            {"GET", "Observation?patient={patient}", null},
            {"GET", "Patient?_has:Observation:subject:_id={observation}", null},
            {"GET", "Observation?_id={observation}&_include=Observation:subject", null},
            {"GET", "Patient?_id={patient}&_revinclude=Observation:subject", null},
            {"GET", "AuditEvent?patient=Patient/{patient}", null},
            {"GET", "Consent?patient=Patient/{patient}", null},
            {"GET", "?_getpages={search}", null},
            {"GET", "?_getpages={search}&_getpagesoffset=1000&_count=1", null},
            {"GET", "$export-poll-status?_jobId={job}", null},
            {"DELETE", "$export-poll-status?_jobId={job}", null},
            {"PUT", "Patient/{patient}", "{\"resourceType\":\"Patient\",\"id\":\"{patient}\"}"},
            {"DELETE", "Patient/{patient}", null},
            {"POST", "Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                    + "\"subject\":{\"reference\":\"Patient/{patient}\"}}"},
            {"POST", "", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                    + "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                    + "\"subject\":{\"reference\":\"Patient/{patient}\"}},\"request\":{\"method\":\"POST\","
                    + "\"url\":\"Observation\"}}]}"},
        };
        SoftAssertions softly = new SoftAssertions();
        for (String[] probe : probes) {
            String path = "/" + hostile + "/" + probe[1];
            Revealed aboutVictim = send(probe[0], victimIds.fill(path), probe[2] == null ? null : victimIds.fill(probe[2]));
            Revealed aboutNothing = send(probe[0], never.fill(path), probe[2] == null ? null : never.fill(probe[2]));
            softly.assertThat(aboutVictim.status()).as(probe[0] + " " + probe[1]).isLessThan(500);
            softly.assertThat(scrub(aboutVictim, victimIds)).as(probe[0] + " " + probe[1] + " reveals")
                    .isEqualTo(scrub(aboutNothing, never));
        }
        softly.assertAll();

        // the victim's own view is untouched by all of that
        assertThat(get("/" + victim + "/Patient/" + victimIds.patient()).body()).contains(family);
        assertThat(get("/" + victim + "/Observation?subject=Patient/" + victimIds.patient()).body())
                .contains(victimIds.observation());
    }

    @Test
    void theVictimsUrlRefusesTheHostileClinicsTokenWhateverTheId() {
        String token = token(hostile);
        for (String path : List.of("/Patient/" + victimIds.patient(), "/Patient/" + UUID.randomUUID(), "/Patient",
                "/_history", "/$export-poll-status?_jobId=" + victimIds.job(), "/metadata?mode=full")) {
            HttpResponse<String> answer = getWithToken("/" + victim + path, token);
            if (path.startsWith("/metadata")) {
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                continue;
            }
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).doesNotContain(family).doesNotContain(nhsNumber);
        }
    }

    @Test
    void searchesByTheVictimsValuesFindNothingAndCountNothing() {
        for (String query : List.of("Patient?family=" + family, "Patient?name=" + family,
                "Observation?patient.family=" + family, "Patient?identifier=" + nhsNumber,
                "Patient?_has:Observation:patient:code=8867-4&family=" + family)) {
            HttpResponse<String> answer = get("/" + hostile + "/" + query);
            assertThat(answer.statusCode()).as(query).isEqualTo(200);
            assertThat(revealed(answer).total()).as(query).isEqualTo("0");
            assertThat(answer.body()).as(query).doesNotContain(victimIds.patient());
        }
    }

    @Test
    void historyTotalsAndPagesAreEachClinicsOwnRightAfterTheOthers() {
        for (String path : List.of("/Patient/_history?_count=1", "/Observation/_history?_count=1",
                "/_history?_count=1")) {
            // the hostile clinic's own history, counted entry by entry
            String expected = Integer.toString(entries(get("/" + hostile + path.replace("_count=1", "_count=500")).body())
                    .size());
            for (int round = 0; round < 2; round++) {
                String victimTotal = revealed(get("/" + victim + path)).total();
                HttpResponse<String> hostileAnswer = get("/" + hostile + path);
                assertThat(revealed(hostileAnswer).total()).as(path + " after the victim's " + victimTotal)
                        .isEqualTo(expected);
                assertThat(hostileAnswer.body()).as(path).doesNotContain(family);
                assertThat(revealed(get("/" + victim + path)).total()).as("the victim's " + path)
                        .isEqualTo(victimTotal);
            }
        }
    }

    @Test
    void costlyAndMalformedRequestsAreRefusedBeforeTheyRunNeverWith500() {
        StringBuilder repeated = new StringBuilder("Patient?");
        for (int i = 0; i < 25; i++) {
            repeated.append("family=x").append(i).append('&');
        }
        StringBuilder has = new StringBuilder("Patient?");
        for (int i = 0; i < 101; i++) {
            has.append("_has:Observation:subject:value-string=v").append(i).append('&');
        }
        Map<String, Integer> refusals = new LinkedHashMap<>();
        refusals.put(repeated.toString(), 400);
        refusals.put(has.toString(), 400);
        refusals.put("Patient/$everything", 403);
        refusals.put("Encounter/$everything", 403);
        refusals.put("Patient?birthdate=2025-13-45", 400);
        refusals.put("Patient?_lastUpdated=gt2025-02-30T25:00", 400);
        refusals.put("AuditEvent?date=2025-13-45", 400);
        refusals.put("Observation?value-quantity=lots", 400);
        refusals.put("Patient?family:missing=false", 400);
        refusals.put("Patient?_profile:missing=false", 400);
        refusals.put("$export-poll-status", 400);
        refusals.put("Patient?_offset=-5", 400);
        refusals.put("Patient?_filter=name%20eq%20%22x%22", 400);
        SoftAssertions softly = new SoftAssertions();
        refusals.forEach((query, status) -> {
            HttpResponse<String> answer = get("/" + hostile + "/" + query);
            softly.assertThat(answer.statusCode()).as(query).isEqualTo(status);
            softly.assertThat(answer.body()).as(query).contains("\"OperationOutcome\"").doesNotContain("\"total\"");
        });
        softly.assertAll();
    }

    @Test
    void aTokenForPatientsAloneLearnsNothingOfObservationsThroughHasChainsOrIncludes() {
        String patientsOnly = tokenWithScopes(hostile, "system/Patient.rs");
        for (String query : List.of("Patient?_has:Observation:subject:value-string=70",
                "Patient?_revinclude=Observation:subject", "Patient?_has:Observation:subject:code=8867-4")) {
            assertThat(getWithToken("/" + hostile + "/" + query, patientsOnly).statusCode()).as(query)
                    .isEqualTo(403);
        }
    }

    @Test
    void oversizedNonUtf8AndOverlongBundlesAreRefusedAndNothingIsWritten() throws Exception {
        int before = Integer.parseInt(revealed(get("/" + hostile + "/Patient?_summary=count")).total());
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 401; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Patient\"},")
                    .append("\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
        }
        HttpResponse<String> overlong = postJson("/" + hostile,
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}");
        assertThat(overlong.statusCode()).isEqualTo(413);

        byte[] latin1 = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"M\u00fcller\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/" + hostile + "/Patient"))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token(hostile))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build();
        HttpResponse<String> notUtf8 = java.net.http.HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(Integer.parseInt(revealed(get("/" + hostile + "/Patient?_summary=count")).total()))
                .as("nothing written").isEqualTo(before);
    }

    @Test
    void aHostileClientCannotIntrospectTheVictimsTokenNorRegisterClientsForIt() throws Exception {
        String victimClient = clientRegistrar.registerBackendService(victim, "victim's feed",
                CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();
        String victimToken = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(victimClient, tokenEndpoint(), Map.of())).accessToken();
        String hostileClient = clientRegistrar.registerBackendService(hostile, "hostile's feed",
                CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();
        var introspected = BackendServiceKeys.post("http://localhost:" + port + "/oauth2/introspect", Map.of(
                "token", victimToken,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", CLINIC_KEYS.assertion(hostileClient, tokenEndpoint(), Map.of())));
        assertThat(introspected.json().get("active").asBoolean()).isFalse();
        assertThat(introspected.json().toString()).doesNotContain(victim);

        HttpResponse<String> register = http("POST", "/" + victim + "/$register-client",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"x\"},"
                        + "{\"name\":\"kind\",\"valueString\":\"backend-service\"},"
                        + "{\"name\":\"scope\",\"valueString\":\"system/*.rs\"}]}",
                "application/fhir+json", "Authorization", "Bearer " + token(hostile));
        assertThat(register.statusCode()).isEqualTo(403);
        HttpResponse<String> reindex = http("POST", "/DEFAULT/$reindex-tenant",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"tenant\",\"valueString\":\"" + victim
                        + "\"}]}", "application/fhir+json", "Authorization", "Bearer " + token(hostile));
        assertThat(reindex.statusCode()).isEqualTo(403);
    }

    @Test
    void discoveryIsCachedPerHostSoNoSharedCacheServesOneHostsAnswerForAnother() {
        HttpResponse<String> discovery = http("GET", "/" + hostile + "/.well-known/smart-configuration", null, null,
                "Authorization", "");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Host"));
    }

    @Test
    void guessingTheVictimsStaffPasswordsLocksOutTheGuesserNotTheStaff() {
        jdbc.update("INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role,"
                        + " is_active) VALUES (?, ?, 'reception', ?, 'Vic', 'Tim', 'receptionist', true)",
                organizationId(victim), "reception@" + victim + ".test", new BCryptPasswordEncoder().encode(PASSWORD));
        String guesser = "203.0.113.99";
        for (int i = 0; i < 25; i++) {
            assertThat(new SmartBrowser(port, guesser).signIn(victim, i % 2 == 0 ? "reception" : "admin" + i,
                    "guess " + i)).isFalse();
        }
        assertThat(new SmartBrowser(port, guesser).signIn(victim, "reception", PASSWORD)).as("the guesser").isFalse();
        assertThat(new SmartBrowser(port, "198.51.100.99").signIn(victim, "reception", PASSWORD))
                .as("the receptionist at the clinic").isTrue();
    }

    @Test
    void aHostileClientFloodingTheServerIsHeldToItsRateWhileTheVictimIsServed() {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"tenant\",\"valueString\":\"" + hostile + "\"},"
                + "{\"name\":\"name\",\"valueString\":\"flood\"},"
                + "{\"name\":\"kind\",\"valueString\":\"backend-service\"},"
                + "{\"name\":\"scope\",\"valueString\":\"system/Patient.rs\"},"
                + "{\"name\":\"requestsPerSecond\",\"valueInteger\":1},"
                + "{\"name\":\"jwks\",\"valueString\":\"" + CLINIC_KEYS.publicJwks().replace("\"", "\\\"") + "\"}]}";
        HttpResponse<String> registered = postJson("/DEFAULT/$register-client", body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String clientId = revealedParameter(registered.body(), "client_id");
        String flood = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(getWithToken("/" + hostile + "/Patient?_count=1", flood).statusCode());
        }
        assertThat(statuses).as("a burst of 2, then 429").contains(429);
        assertThat(get("/" + victim + "/Patient?_count=1").statusCode()).as("the victim").isEqualTo(200);
    }

    private Revealed send(String method, String path, String body) {
        return revealed(http(method, path, body, body == null ? null : "application/fhir+json"));
    }

    private static Revealed revealed(HttpResponse<String> answer) {
        String diagnostics = "";
        String total = "";
        int entries = 0;
        try {
            JsonNode json = JSON.readTree(answer.body());
            for (JsonNode issue : json.path("issue")) {
                diagnostics += issue.path("code").asText() + ":" + issue.path("diagnostics").asText() + ";";
            }
            total = json.path("total").asText();
            entries = json.path("entry").size();
        } catch (Exception notJson) {
            diagnostics = "not JSON";
        }
        return new Revealed(answer.statusCode(), diagnostics, total, entries);
    }

    private static String revealedParameter(String parametersJson, String name) {
        try {
            for (JsonNode parameter : JSON.readTree(parametersJson).path("parameter")) {
                if (name.equals(parameter.path("name").asText())) {
                    return parameter.path("valueString").asText();
                }
            }
        } catch (Exception e) {
            throw new AssertionError(parametersJson, e);
        }
        throw new AssertionError("no " + name + " in " + parametersJson);
    }

    /** What an answer reveals with the ids it was asked about written as placeholders. */
    private static Revealed scrub(Revealed answer, Ids ids) {
        String words = answer.diagnostics();
        for (String id : List.of(ids.patient(), ids.observation(), ids.nhs(), ids.search(), ids.job())) {
            words = words.replace(id, "ID");
        }
        return new Revealed(answer.status(), words, answer.total(), answer.entries());
    }

    /** A valid NHS number (modulus 11 check digit) no one else uses. */
    private static String nhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            digits.append(ThreadLocalRandom.current().nextInt(1, 10));
            for (int i = 1; i < 9; i++) {
                digits.append(ThreadLocalRandom.current().nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return digits.append(check).toString();
            }
        }
    }
}
