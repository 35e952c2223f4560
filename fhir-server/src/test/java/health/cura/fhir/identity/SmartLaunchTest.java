package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import health.cura.fhir.support.SmartBrowser;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * SMART launch context: the standalone patient picker ({@code launch/patient}) and the EHR launch ({@code launch}
 * opened with {@code $smart-launch}), each giving a token bound to one patient, the {@code patient} in the token
 * response, and the checks of {@code aud} and {@code launch}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartLaunchTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "https://chart.example/callback";
    private static final String PASSWORD = "launch pad 42";

    private String clinic;
    private String otherClinic;
    private SmartApp app;
    private String alice;
    private String bob;

    @BeforeAll
    void clinicWithPatientsStaffAndApp() {
        clinic = newTenant("launch");
        otherClinic = newTenant("launch-other");
        String practitioner = createPractitioner(client(clinic), "Adeyemi").getIdPart();
        jdbc.update("UPDATE users SET username = 'dr.adeyemi', password_hash = ? WHERE id = ?",
                new BCryptPasswordEncoder().encode(PASSWORD), rowId(organizationId(clinic), "Practitioner", practitioner));
        alice = createNamedPatient("Alice", "Liddell");
        bob = createNamedPatient("Bob", "Marley");
        app = new SmartApp(base(), tokenEndpoint(), clinic, clientRegistrar.registerSmartApp(clinic, "Growth charts",
                Set.of(REDIRECT), Set.of("openid", "fhirUser", "offline_access", "launch", "launch/patient",
                        "patient/*.rs"), null).getClientId(), REDIRECT);
    }

    @Test
    void standaloneLaunchLetsTheUserPickThePatientAndBindsTheTokenToThem() throws Exception {
        SmartBrowser browser = new SmartBrowser(port);
        String verifier = SmartApp.verifier();
        HttpResponse<String> afterSignIn = browser.authorizeSigningIn(
                app.authorizeUrl("openid fhirUser launch/patient patient/*.rs offline_access", verifier, Map.of()),
                "dr.adeyemi", PASSWORD);
        String pickerUrl = SmartBrowser.location(afterSignIn);
        assertThat(pickerUrl).contains("/launch/patient?request=");

        HttpResponse<String> picker = browser.get(pickerUrl);
        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("Choose the patient for Growth charts", "Alice Liddell", "Bob Marley");
        HttpResponse<String> searched = browser.get(pickerUrl + "&q=liddell");
        assertThat(searched.body()).contains("Alice Liddell").doesNotContain("Bob Marley");

        HttpResponse<String> chosen = browser.post("/launch/patient", Map.of(
                "request", hidden(searched.body(), "request"), "patient", alice,
                "_csrf", SmartBrowser.csrf(searched.body())));
        String resumed = SmartBrowser.location(chosen);
        assertThat(resumed).contains("/oauth2/authorize?").contains("launch=");
        String code = app.codeOf(browser.get(resumed));

        JsonNode tokens = app.exchange(code, verifier);
        assertThat(tokens.get("patient").asText()).isEqualTo(alice);
        assertThat(tokens.get("need_patient_banner").asBoolean()).isTrue();
        assertThat(tokens.hasNonNull("id_token")).as("the ID token is kept beside the launch context").isTrue();
        assertThat(claims(tokens.get("access_token").asText()).get("patient").asText()).isEqualTo(alice);
        String access = tokens.get("access_token").asText();
        assertThat(getWithToken("/" + clinic + "/Patient/" + alice, access).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient/" + bob, access).statusCode()).isEqualTo(403);

        var refreshed = BackendServiceKeys.post(tokenEndpoint(), Map.of(
                "grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.json().toString()).isEqualTo(200);
        assertThat(refreshed.json().get("patient").asText()).as("a refreshed token keeps its patient").isEqualTo(alice);
        assertThat(getWithToken("/" + clinic + "/Patient/" + bob, refreshed.json().get("access_token").asText())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void thePickerOffersOnlyTheClinicsPatientsAndRefusesOthers() {
        String stranger = createPatient(client(otherClinic), "Stranger").getIdPart();
        SmartBrowser browser = new SmartBrowser(port);
        String pickerUrl = SmartBrowser.location(browser.authorizeSigningIn(
                app.authorizeUrl("launch/patient patient/*.rs", SmartApp.verifier(), Map.of()), "dr.adeyemi", PASSWORD));
        HttpResponse<String> picker = browser.get(pickerUrl);
        assertThat(picker.body()).doesNotContain("Stranger");
        HttpResponse<String> forged = browser.post("/launch/patient", Map.of(
                "request", hidden(picker.body(), "request"), "patient", stranger,
                "_csrf", SmartBrowser.csrf(picker.body())));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void ehrLaunchCarriesThePatientTheEhrOpenedItFor() throws Exception {
        String ehr = tokenWithScopes(clinic, "system/Patient.rs");
        HttpResponse<String> opened = http("POST", "/" + clinic + "/$smart-launch", SmartApp.launchRequest(bob),
                "application/fhir+json", "Authorization", "Bearer " + ehr);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String launch = SmartApp.launchOf(opened.body());

        String verifier = SmartApp.verifier();
        String code = app.codeOf(new SmartBrowser(port).authorizeSigningIn(
                app.authorizeUrl("launch openid fhirUser patient/*.rs", verifier, Map.of("launch", launch)),
                "dr.adeyemi", PASSWORD));
        JsonNode tokens = app.exchange(code, verifier);
        assertThat(tokens.get("patient").asText()).isEqualTo(bob);
        String access = tokens.get("access_token").asText();
        assertThat(getWithToken("/" + clinic + "/Patient/" + bob, access).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient/" + alice, access).statusCode()).isEqualTo(403);
    }

    @Test
    void smartLaunchChecksItsCallerAndPatient() {
        String ehr = "Bearer " + tokenWithScopes(clinic, "system/Patient.rs");
        assertThat(http("POST", "/" + clinic + "/$smart-launch", SmartApp.launchRequest(UUID.randomUUID().toString()),
                "application/fhir+json", "Authorization", ehr).statusCode()).as("unknown patient").isEqualTo(404);
        String foreign = createPatient(client(otherClinic), "Foreign").getIdPart();
        assertThat(http("POST", "/" + clinic + "/$smart-launch", SmartApp.launchRequest(foreign),
                "application/fhir+json", "Authorization", ehr).statusCode()).as("another clinic's patient")
                .isEqualTo(404);
        String observationsOnly = "Bearer " + tokenWithScopes(clinic, "system/Observation.rs");
        assertThat(http("POST", "/" + clinic + "/$smart-launch", SmartApp.launchRequest(bob),
                "application/fhir+json", "Authorization", observationsOnly).statusCode())
                .as("a token that cannot read patients").isEqualTo(403);
        assertThat(http("POST", "/" + otherClinic + "/$smart-launch", SmartApp.launchRequest(bob),
                "application/fhir+json", "Authorization", ehr).statusCode()).as("another clinic's URL")
                .isEqualTo(403);
    }

    @Test
    void authorizationRequestsWithAWrongAudienceOrLaunchGoBackAsErrors() {
        SmartBrowser browser = new SmartBrowser(port);
        assertThat(browser.signIn(clinic, "dr.adeyemi", PASSWORD)).isTrue();
        assertThat(errorOf(browser.get(app.authorizeUrl("patient/*.rs", SmartApp.verifier(),
                Map.of("aud", base() + "/" + otherClinic))))).as("aud of another clinic").isEqualTo("invalid_request");
        assertThat(errorOf(browser.get(app.authorizeUrl("patient/*.rs", SmartApp.verifier(),
                Map.of("aud", "https://evil.example/fhir"))))).as("aud elsewhere").isEqualTo("invalid_request");
        assertThat(errorOf(browser.get(app.authorizeUrl("launch patient/*.rs", SmartApp.verifier(), Map.of()))))
                .as("launch scope without launch").isEqualTo("invalid_request");
        assertThat(errorOf(browser.get(app.authorizeUrl("launch patient/*.rs", SmartApp.verifier(),
                Map.of("launch", "made-up")))))
                .as("a launch nobody opened").isEqualTo("invalid_request");

        String otherEhr = "Bearer " + tokenWithScopes(otherClinic, "system/Patient.rs");
        String otherPatient = createPatient(client(otherClinic), "Elsewhere").getIdPart();
        HttpResponse<String> foreignLaunch = http("POST", "/" + otherClinic + "/$smart-launch",
                SmartApp.launchRequest(otherPatient), "application/fhir+json", "Authorization", otherEhr);
        assertThat(errorOf(browser.get(app.authorizeUrl("launch patient/*.rs", SmartApp.verifier(),
                Map.of("launch", SmartApp.launchOf(foreignLaunch.body()))))))
                .as("another clinic's launch").isEqualTo("invalid_request");
    }

    private String createNamedPatient(String given, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        String id = create(client(clinic), patient).getIdPart();
        create(client(clinic), pulse(id));
        return id;
    }

    private static String errorOf(HttpResponse<String> authorized) {
        String redirect = SmartBrowser.location(authorized);
        assertThat(redirect).as("errors go back to the app").startsWith(REDIRECT);
        assertThat(redirect).doesNotContain("code=");
        return SmartBrowser.parameter(redirect, "error").orElseThrow(() -> new AssertionError(redirect));
    }

    private static String hidden(String page, String name) {
        Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(value.find()).as(name + " in the form").isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(value.group(1));
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
