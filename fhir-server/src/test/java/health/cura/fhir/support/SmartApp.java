package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A registered public SMART app of one clinic, as the tests drive it: authorization requests and code exchange. */
public record SmartApp(String fhirBase, String tokenEndpoint, String clinic, String clientId, String redirectUri) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An authorization request with PKCE (S256) for {@code scope}; {@code extra} adds or replaces parameters. */
    public String authorizeUrl(String scope, String verifier, Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "scope", scope,
                "state", "st-" + UUID.randomUUID(), "aud", fhirBase + "/" + clinic,
                "code_challenge", SmartBrowser.challenge(verifier), "code_challenge_method", "S256"));
        parameters.putAll(extra);
        return "/oauth2/authorize?" + SmartBrowser.form(parameters);
    }

    /** The code the authorization endpoint sent back to the app. */
    public String codeOf(HttpResponse<String> authorized) {
        String redirect = SmartBrowser.location(authorized);
        assertThat(redirect).as(authorized.body()).startsWith(redirectUri);
        return SmartBrowser.parameter(redirect, "code").orElseThrow(() -> new AssertionError(redirect));
    }

    /** The token response for a code; fails unless it is 200. */
    public JsonNode exchange(String code, String verifier) {
        var tokens = BackendServiceKeys.post(tokenEndpoint, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirectUri, "client_id", clientId, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.json().toString()).isEqualTo(200);
        return tokens.json();
    }

    /** The token response of an EHR launch: the user signs in with the {@code launch} the EHR opened. */
    public JsonNode launch(int port, String launch, String scope, String username, String password) {
        String verifier = verifier();
        String code = codeOf(new SmartBrowser(port).authorizeSigningIn(
                authorizeUrl("launch " + scope, verifier, Map.of("launch", launch)), username, password));
        return exchange(code, verifier);
    }

    /** The body of a {@code $smart-launch} request for a patient. */
    public static String launchRequest(String patientId) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\",\"valueReference\":"
                + "{\"reference\":\"Patient/" + patientId + "\"}}]}";
    }

    /** The {@code launch} of a {@code $smart-launch} answer. */
    public static String launchOf(String parametersJson) {
        try {
            for (JsonNode parameter : JSON.readTree(parametersJson).path("parameter")) {
                if ("launch".equals(parameter.path("name").asText())) {
                    return parameter.get("valueString").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(parametersJson, e);
        }
        throw new AssertionError("no launch in " + parametersJson);
    }

    public static String verifier() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }
}
