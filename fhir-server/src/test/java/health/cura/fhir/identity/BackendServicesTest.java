package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SMART Backend Services as an EHR integration meets it: discovery, signed assertions, tokens, revocation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendServicesTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private String clinic;
    private String otherClinic;
    private String patientId;

    @BeforeAll
    void clinics() {
        clinic = newTenant("backend");
        otherClinic = newTenant("backend-other");
        patientId = createPatient(client(clinic), "Backend").getIdPart();
    }

    @Test
    void discoveryIsPublicAndNamesEverySmartField() throws Exception {
        HttpResponse<String> response = http("GET", "/" + clinic + "/.well-known/smart-configuration", null, null,
                "Authorization", "", "Origin", "https://app.example");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(response.headers().allValues("Vary")).as("cached per host")
                .anyMatch(vary -> vary.contains("Host"));
        JsonNode config = JSON.readTree(response.body());
        String server = "http://localhost:" + port;
        assertThat(config.get("token_endpoint").asText()).isEqualTo(server + "/oauth2/token");
        assertThat(config.get("authorization_endpoint").asText()).isEqualTo(server + "/oauth2/authorize");
        assertThat(config.get("issuer").asText()).isEqualTo(server);
        assertThat(config.get("jwks_uri").asText()).isEqualTo(server + "/oauth2/jwks");
        assertThat(texts(config.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(config.get("token_endpoint_auth_signing_alg_values_supported"))).contains("RS384", "ES384");
        assertThat(texts(config.get("capabilities"))).contains("client-confidential-asymmetric", "permission-v2");
        assertThat(texts(config.get("grant_types_supported"))).contains("client_credentials");
        assertThat(config.has("scopes_supported")).isTrue();

        assertThat(anonymousGet("/no-such-clinic/.well-known/smart-configuration").statusCode()).isEqualTo(404);

        HttpResponse<String> metadata = anonymousGet("/" + clinic + "/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
        var security = statement.getRestFirstRep().getSecurity();
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        var uris = security.getExtensionByUrl(
                "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(server + "/oauth2/token");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401WithWwwAuthenticate() {
        HttpResponse<String> none = anonymousGet("/" + clinic + "/Patient/" + patientId);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, none.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
        assertThat(none.body()).doesNotContain("Backend");

        HttpResponse<String> forged = getWithToken("/" + clinic + "/Patient/" + patientId, "not.a.token");
        assertThat(forged.statusCode()).isEqualTo(401);
        String tamperedToken = token(clinic).substring(0, token(clinic).length() - 4) + "AAAA";
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, tamperedToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aClinicsTokenGets403AtAnotherClinic() {
        HttpResponse<String> response = getWithToken("/" + otherClinic + "/Patient", token(clinic));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, token(otherClinic)).statusCode())
                .isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, token(clinic)).statusCode()).isEqualTo(200);
    }

    @Test
    void theAssertionIsCheckedAsSmartRequires() {
        String clientId = clientRegistrar.registerBackendService(
                clinic, "checked", CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();
        String endpoint = tokenEndpoint();
        assertThat(request(CLINIC_KEYS.assertion(clientId, endpoint, Map.of())).status()).isEqualTo(200);

        assertThat(request(CLINIC_KEYS.assertion(clientId, "https://elsewhere.example/token", Map.of())).status())
                .as("wrong audience").isEqualTo(401);
        String once = CLINIC_KEYS.assertion(clientId, endpoint, Map.of());
        assertThat(request(once).status()).isEqualTo(200);
        assertThat(request(once).status()).as("replayed jti").isEqualTo(401);
        assertThat(request(CLINIC_KEYS.assertion(clientId, endpoint,
                        Map.of("exp", Date.from(Instant.now().plusSeconds(3600))))).status())
                .as("expiry an hour ahead").isEqualTo(401);
        assertThat(request(CLINIC_KEYS.assertion(clientId, endpoint,
                        Map.of("exp", Date.from(Instant.now().minusSeconds(600))))).status())
                .as("expired").isEqualTo(401);
        assertThat(request(BackendServiceKeys.rsa().assertion(clientId, endpoint, Map.of())).status())
                .as("signed with a key the client did not register").isEqualTo(401);
        assertThat(request(CLINIC_KEYS.assertion(clientId, endpoint, Map.of("iss", "someone-else"))).status())
                .as("iss is not the client").isEqualTo(401);
        var notRegistered = BackendServiceKeys.requestToken(endpoint, "system/Observation.rs",
                CLINIC_KEYS.assertion(clientId, endpoint, Map.of()));
        assertThat(notRegistered.status()).isEqualTo(400);
        assertThat(notRegistered.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void anEllipticCurveClientGetsATokenToo() {
        BackendServiceKeys ec = BackendServiceKeys.ec();
        String clientId = clientRegistrar.registerBackendService(
                clinic, "ES384 client", ec.publicJwks(), Set.of("system/Patient.read")).getClientId();
        var answer = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.read",
                ec.assertion(clientId, tokenEndpoint(), Map.of()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(answer.json().get("scope").asText()).isEqualTo("system/Patient.read");
        assertThat(answer.json().get("expires_in").asLong()).isPositive();
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, answer.accessToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void introspectionSaysWhatTheTokenIsAndRevocationEndsIt() throws Exception {
        String clientId = clientRegistrar.registerBackendService(
                clinic, "revoked", CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();
        String accessToken = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, accessToken).statusCode()).isEqualTo(200);

        var introspected = BackendServiceKeys.post("http://localhost:" + port + "/oauth2/introspect",
                clientAuthenticated(clientId, Map.of("token", accessToken)));
        assertThat(introspected.status()).isEqualTo(200);
        assertThat(introspected.json().get("active").asBoolean()).isTrue();
        assertThat(introspected.json().get("tenant").asText()).isEqualTo(clinic);
        assertThat(introspected.json().get("scope").asText()).isEqualTo("system/Patient.rs");

        var revoked = BackendServiceKeys.post("http://localhost:" + port + "/oauth2/revoke",
                clientAuthenticated(clientId, Map.of("token", accessToken)));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, accessToken).statusCode()).isEqualTo(401);
        var afterwards = BackendServiceKeys.post("http://localhost:" + port + "/oauth2/introspect",
                clientAuthenticated(clientId, Map.of("token", accessToken)));
        assertThat(afterwards.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aClientOfAnotherClinicIsToldATokenIsNotActive() throws Exception {
        String owner = clientRegistrar.registerBackendService(
                clinic, "token owner", CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();
        String accessToken = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(owner, tokenEndpoint(), Map.of())).accessToken();
        String stranger = clientRegistrar.registerBackendService(newTenant("introspecting"), "other clinic's client",
                CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();

        var introspected = BackendServiceKeys.post("http://localhost:" + port + "/oauth2/introspect",
                clientAuthenticated(stranger, Map.of("token", accessToken)));

        assertThat(introspected.status()).isEqualTo(200);
        assertThat(introspected.json().get("active").asBoolean()).isFalse();
        assertThat(introspected.json().has("tenant")).isFalse();
        assertThat(introspected.json().has("scope")).isFalse();
        assertThat(BackendServiceKeys.post("http://localhost:" + port + "/oauth2/introspect",
                clientAuthenticated(owner, Map.of("token", accessToken))).json().get("active").asBoolean())
                .as("its own clinic's client still sees it").isTrue();
    }

    @Test
    void aPatientScopeWithoutAPatientInContextReachesNothing() {
        String accessToken = tokenWithScopes(clinic, "patient/*.rs");
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, accessToken).statusCode()).isEqualTo(403);
    }

    @Test
    void thePlatformRegistersAClinicsBackendServiceThroughTheApi() throws Exception {
        BackendServiceKeys keys = BackendServiceKeys.ec();
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"tenant\",\"valueString\":\"" + clinic + "\"},"
                + "{\"name\":\"name\",\"valueString\":\"Lab integration\"},"
                + "{\"name\":\"kind\",\"valueString\":\"backend-service\"},"
                + "{\"name\":\"scope\",\"valueString\":\"system/Patient.rs system/Observation.cruds\"},"
                + "{\"name\":\"jwks\",\"valueString\":" + JSON.writeValueAsString(keys.publicJwks()) + "}]}";
        HttpResponse<String> registered = postJson("/DEFAULT/$register-client", body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String clientId = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Parameters.class, registered.body())
                .getParameter("client_id").getValue().primitiveValue();
        var token = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                keys.assertion(clientId, tokenEndpoint(), Map.of()));
        assertThat(getWithToken("/" + clinic + "/Patient/" + patientId, token.accessToken()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> byClinic = http("POST", "/DEFAULT/$register-client", body, "application/fhir+json",
                "Authorization", "Bearer " + token(clinic));
        assertThat(byClinic.statusCode()).as("a clinic's token").isEqualTo(403);
        HttpResponse<String> userScope = postJson("/DEFAULT/$register-client", body.replace(
                "system/Patient.rs system/Observation.cruds", "user/Patient.rs"));
        assertThat(userScope.statusCode()).isEqualTo(422);
        assertThat(diagnostics(userScope.body())).contains("user/Patient.rs");
        HttpResponse<String> noClinic = postJson("/DEFAULT/$register-client", body.replace(clinic, "no-such-clinic"));
        assertThat(noClinic.statusCode()).isEqualTo(422);
    }

    private BackendServiceKeys.Answer request(String assertion) {
        return BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs", assertion);
    }

    private Map<String, String> clientAuthenticated(String clientId, Map<String, String> form) {
        var all = new java.util.HashMap<>(form);
        all.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        all.put("client_assertion", CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of()));
        return all;
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void metricsAreForThePlatformOnlyAndHealthIsPublic() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, Integer> status = (path, token) -> {
            var request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(status.apply("/actuator/health", null)).isEqualTo(200);
        assertThat(status.apply("/actuator/metrics", null)).isEqualTo(401);
        assertThat(status.apply("/actuator/metrics", token(clinic))).as("a clinic's token").isEqualTo(403);
        assertThat(status.apply("/actuator/metrics", token("DEFAULT"))).as("the platform's token").isEqualTo(200);
    }
}
