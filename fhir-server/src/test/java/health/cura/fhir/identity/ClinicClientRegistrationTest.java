package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import health.cura.fhir.support.SmartBrowser;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A clinic's administrator registers the clinic's own apps and backend services from an admin console
 * ({@code POST /fhir/{clinic}/$register-client}, scope {@code cura/clients}); no one else can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicClientRegistrationTest extends ServerTest {

    private static final String REDIRECT = "https://console.example/callback";
    private static final String PASSWORD = "admin console 7";

    private String clinic;
    private String otherClinic;
    private SmartApp console;

    @BeforeAll
    void clinicWithAdminReceptionistAndConsole() {
        clinic = newTenant("clients");
        otherClinic = newTenant("clients-other");
        staffMember(clinic, "boss", PASSWORD, "admin");
        staffMember(clinic, "reception", PASSWORD, "receptionist");
        console = new SmartApp(base(), tokenEndpoint(), clinic, clientRegistrar.registerSmartApp(clinic,
                "Admin console", Set.of(REDIRECT), Set.of("openid", "fhirUser", "cura/clients", "user/*.rs"), null)
                .getClientId(), REDIRECT);
    }

    @Test
    void anAdministratorRegistersABackendServiceThatThenWorks() {
        String admin = signIn("boss", "openid cura/clients");
        HttpResponse<String> registered = register(admin, "");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, registered.body());
        String clientId = answer.getParameterValue("client_id").primitiveValue();
        assertThat(answer.getParameterValue("tenant").primitiveValue()).isEqualTo(clinic);

        String service = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        assertThat(getWithToken("/" + clinic + "/Patient", service).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + otherClinic + "/Patient", service).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyAnAdministratorsConsoleForTheirOwnClinicMayRegister() {
        String receptionist = signIn("reception", "openid cura/clients");
        HttpResponse<String> refused = register(receptionist, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(diagnostics(refused.body())).contains("receptionist", "settings");

        String withoutScope = signIn("boss", "openid user/*.rs");
        assertThat(register(withoutScope, "").statusCode()).as("no cura/clients").isEqualTo(403);

        String admin = signIn("boss", "openid cura/clients");
        assertThat(register(admin, "{\"name\": \"tenant\", \"valueString\": \"" + otherClinic + "\"},").statusCode())
                .as("naming another clinic").isEqualTo(422);
        assertThat(http("POST", "/" + otherClinic + "/$register-client", body(""), "application/fhir+json",
                "Authorization", "Bearer " + admin).statusCode()).as("at another clinic's URL").isEqualTo(403);
        assertThat(http("POST", "/" + clinic + "/$register-client", body(""), "application/fhir+json").statusCode())
                .as("a backend service acts for no administrator").isEqualTo(403);
    }

    @Test
    void anAdministratorMayLowerAClientsRequestRateButNotRaiseItAboveTheServers() {
        String admin = signIn("boss", "openid cura/clients");
        HttpResponse<String> lower = register(admin, "{\"name\": \"requestsPerSecond\", \"valueInteger\": 5},");
        assertThat(lower.statusCode()).as(lower.body()).isEqualTo(200);

        HttpResponse<String> higher = register(admin,
                "{\"name\": \"requestsPerSecond\", \"valueInteger\": 100000},");
        assertThat(higher.statusCode()).isEqualTo(422);
        assertThat(diagnostics(higher.body())).contains("requestsPerSecond", "at most");
        HttpResponse<String> zero = register(admin, "{\"name\": \"requestsPerSecond\", \"valueInteger\": 0},");
        assertThat(zero.statusCode()).isEqualTo(422);
        assertThat(diagnostics(zero.body())).contains("at least 1");
    }

    @Test
    void anAdministratorListsTheClinicsClientsAndRevokesOneWhoseTokensThenFail() {
        String admin = signIn("boss", "openid cura/clients");
        String clientId = FHIR.newJsonParser().parseResource(Parameters.class, register(admin, "").body())
                .getParameterValue("client_id").primitiveValue();
        String service = BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        String otherClinicsClient = clientRegistrar.registerBackendService(otherClinic, "Other clinic's feed",
                CLINIC_KEYS.publicJwks(), Set.of("system/Patient.rs")).getClientId();

        HttpResponse<String> listed = http("GET", "/" + clinic + "/$clients", null, null,
                "Authorization", "Bearer " + admin);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(clientId, "Pathology feed", "backend-service", "system/Patient.rs")
                .doesNotContain(otherClinicsClient).doesNotContain("\"kty\"");

        assertThat(revoke(admin, otherClinicsClient).statusCode()).as("another clinic's client").isEqualTo(404);
        assertThat(http("GET", "/DEFAULT/$clients?tenant=" + otherClinic, null, null).body()).contains(otherClinicsClient);
        String receptionist = signIn("reception", "openid cura/clients");
        assertThat(revoke(receptionist, clientId).statusCode()).as("a receptionist").isEqualTo(403);
        assertThat(getWithToken("/" + clinic + "/Patient", service).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = revoke(admin, clientId);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient", service).statusCode()).as("its token").isEqualTo(401);
        assertThat(BackendServiceKeys.requestToken(tokenEndpoint(), "system/Patient.rs",
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).status()).as("a new token").isEqualTo(401);
        assertThat(http("GET", "/" + clinic + "/$clients", null, null, "Authorization", "Bearer " + admin).body())
                .doesNotContain(clientId);
        assertThat(revoke(admin, clientId).statusCode()).as("revoked twice").isEqualTo(404);
    }

    private HttpResponse<String> revoke(String token, String clientId) {
        return http("POST", "/" + clinic + "/$revoke-client", "{\"resourceType\": \"Parameters\", \"parameter\": "
                + "[{\"name\": \"client_id\", \"valueString\": \"" + clientId + "\"}]}", "application/fhir+json",
                "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> register(String token, String extraParameter) {
        return http("POST", "/" + clinic + "/$register-client", body(extraParameter), "application/fhir+json",
                "Authorization", "Bearer " + token);
    }

    private static String body(String extraParameter) {
        return "{\"resourceType\": \"Parameters\", \"parameter\": [" + extraParameter
                + "{\"name\": \"name\", \"valueString\": \"Pathology feed\"},"
                + "{\"name\": \"kind\", \"valueString\": \"backend-service\"},"
                + "{\"name\": \"scope\", \"valueString\": \"system/Patient.rs\"},"
                + "{\"name\": \"jwks\", \"valueString\": " + jsonString(CLINIC_KEYS.publicJwks()) + "}]}";
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String signIn(String username, String scope) {
        String verifier = SmartApp.verifier();
        String code = console.codeOf(new SmartBrowser(port).authorizeSigningIn(
                console.authorizeUrl(scope, verifier, Map.of()), username, PASSWORD));
        return console.exchange(code, verifier).get("access_token").asText();
    }
}
