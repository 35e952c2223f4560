package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartBrowser;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A SMART app launched by clinic staff: authorization code with PKCE through the sign-in page (the test submits the
 * form as a browser would), tokens bound to the clinic and the user, refresh for a public app, and lockout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffLoginTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "https://app.example/callback";
    private static final String PASSWORD = "correct horse battery staple";

    private String clinic;
    private String otherClinic;
    private String practitionerId;
    private String appClientId;

    @BeforeAll
    void clinicWithStaffAndApp() {
        clinic = newTenant("login");
        otherClinic = newTenant("login-other");
        practitionerId = createPractitioner(client(clinic), "Okafor").getIdPart();
        // The clinic's own software gives the practitioner's account a username and password.
        int row = rowId(organizationId(clinic), "Practitioner", practitionerId);
        jdbc.update("UPDATE users SET username = 'dr.okafor', password_hash = ? WHERE id = ?",
                new BCryptPasswordEncoder().encode(PASSWORD), row);
        appClientId = clientRegistrar.registerSmartApp(clinic, "Charting app", Set.of(REDIRECT),
                Set.of("openid", "fhirUser", "offline_access", "user/*.rs"), null).getClientId();
    }

    @Test
    void aSignInWhoseCsrfTokenIsNotUtf8IsRefusedAsForgedNotAnError() {
        health.cura.fhir.support.SmartBrowser browser = new health.cura.fhir.support.SmartBrowser(port);
        browser.get("/login?tenant=" + clinic);
        byte[] masked = new byte[72]; // a 36-byte random mask, then bytes that unmask to 0xFF: not UTF-8
        java.util.Arrays.fill(masked, 36, 72, (byte) 0xFF);

        var answer = browser.post("/login", java.util.Map.of("username", "nobody", "password", "x",
                "tenant", clinic, "_csrf", java.util.Base64.getUrlEncoder().encodeToString(masked)));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("This form could not be accepted").contains("/login")
                .doesNotContain("Whitelabel").doesNotContain("Exception");
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() {
        health.cura.fhir.support.SmartBrowser browser = new health.cura.fhir.support.SmartBrowser(port);

        var page = browser.get("/login?tenant=" + clinic);

        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly");
    }

    @Test
    void authorizationCodeWithPkceThroughTheSignInPageAndRefresh() throws Exception {
        Browser browser = new Browser();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signInAndAuthorize(appClientId, "openid fhirUser offline_access user/*.rs",
                SmartBrowser.challenge(verifier), "dr.okafor", PASSWORD);

        var tokens = BackendServiceKeys.post(tokenEndpoint(), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", appClientId, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.json().toString()).isEqualTo(200);
        JsonNode answer = tokens.json();
        assertThat(answer.get("scope").asText().split(" ")).contains("user/*.rs", "openid", "offline_access");
        assertThat(answer.hasNonNull("refresh_token")).as("a public app asking offline_access").isTrue();
        JsonNode idToken = payload(answer.get("id_token").asText());
        assertThat(idToken.get("fhirUser").asText()).isEqualTo("Practitioner/" + practitionerId);
        JsonNode accessToken = payload(answer.get("access_token").asText());
        assertThat(accessToken.get("tenant").asText()).isEqualTo(clinic);
        assertThat(accessToken.get("sub").asText()).isEqualTo(clinic + "/dr.okafor");

        String access = answer.get("access_token").asText();
        assertThat(getWithToken("/" + clinic + "/Practitioner/" + practitionerId, access).statusCode()).isEqualTo(200);
        assertThat(http("POST", "/" + clinic + "/Patient", "{\"resourceType\":\"Patient\"}", "application/fhir+json",
                "Authorization", "Bearer " + access).statusCode()).as("read-only scopes").isEqualTo(403);
        assertThat(getWithToken("/" + otherClinic + "/Patient", access).statusCode()).isEqualTo(403);

        // The SMART JavaScript client refreshes without naming itself; the refresh token says which app it is.
        var refreshed = BackendServiceKeys.post(tokenEndpoint(), Map.of(
                "grant_type", "refresh_token", "refresh_token", answer.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.json().toString()).isEqualTo(200);
        String renewed = refreshed.json().get("access_token").asText();
        assertThat(getWithToken("/" + clinic + "/Practitioner/" + practitionerId, renewed).statusCode())
                .isEqualTo(200);
        var reused = BackendServiceKeys.post(tokenEndpoint(), Map.of("grant_type", "refresh_token",
                "refresh_token", answer.get("refresh_token").asText(), "client_id", appClientId));
        assertThat(reused.status()).as("a refresh token is used once").isEqualTo(400);
    }

    @Test
    void theCodeNeedsTheRightVerifierAndS256() throws Exception {
        Browser browser = new Browser();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = browser.signInAndAuthorize(
                appClientId, "user/*.rs", SmartBrowser.challenge(verifier), "dr.okafor", PASSWORD);
        var wrong = BackendServiceKeys.post(tokenEndpoint(), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", appClientId,
                "code_verifier", UUID.randomUUID() + "-" + UUID.randomUUID()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> plain = browser.get(authorizeUrl(appClientId, "user/*.rs", verifier) .replace(
                "code_challenge_method=S256", "code_challenge_method=plain"));
        String location = plain.headers().firstValue("Location").orElse("");
        assertThat(location).as("plain PKCE is refused").contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void repeatedFailuresLockTheAccountAndOnlyActiveAccountsWithPasswordsSignIn() throws Exception {
        String locked = "nurse.locked";
        String here = "192.0.2.10";
        insertUser(clinic, locked, PASSWORD, true);
        for (int i = 0; i < 4; i++) {
            assertThat(signInFrom(here, clinic, locked, "wrong " + i)).as("failure " + i).isFalse();
        }
        assertThat(signInFrom(here, clinic, locked, PASSWORD)).as("four failures do not lock").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(signInFrom(here, clinic, locked, "wrong " + i)).as("failure " + i).isFalse();
        }
        assertThat(signInFrom(here, clinic, locked, PASSWORD)).as("locked, right password").isFalse();
        assertThat(jdbc.queryForObject(
                "SELECT locked_until > now() FROM cura_login_failures WHERE account = ? AND address = ?",
                Boolean.class, clinic + "/" + locked, here)).isTrue();

        insertUser(clinic, "inactive.user", PASSWORD, false);
        assertThat(new Browser().signIn(clinic, "inactive.user", PASSWORD)).isFalse();

        String fhirOnly = createPractitioner(client(clinic), "FhirOnly").getIdPart();
        String fhirUsername = jdbc.queryForObject("SELECT username FROM users WHERE id = ?", String.class,
                rowId(organizationId(clinic), "Practitioner", fhirOnly));
        assertThat(new Browser().signIn(clinic, fhirUsername, "!fhir-created:no-password")).isFalse();

        assertThat(new Browser().signIn(otherClinic, "dr.okafor", PASSWORD))
                .as("usernames belong to their clinic").isFalse();
        assertThat(new Browser().signIn(clinic, "dr.okafor", PASSWORD)).isTrue();
    }

    @Test
    void failedGuessesLockOutWhereTheyComeFromNeverTheOwnerSigningInFromElsewhere() {
        String nurse = "nurse.targeted";
        insertUser(clinic, nurse, PASSWORD, true);
        String stranger = "203.0.113.7";
        for (int i = 0; i < 5; i++) {
            assertThat(signInFrom(stranger, clinic, nurse, "guess " + i)).as("guess " + i).isFalse();
        }
        assertThat(signInFrom(stranger, clinic, nurse, PASSWORD)).as("the guessing address is locked out").isFalse();
        assertThat(signInFrom("198.51.100.20", clinic, nurse, PASSWORD)).as("the nurse, from the ward").isTrue();
        assertThat(signInFrom(stranger, clinic, "dr.okafor", PASSWORD))
                .as("five guesses at one account do not lock the address for others").isTrue();

        // an IPv6 subscriber has a whole /64: its addresses count as one
        for (int i = 0; i < 5; i++) {
            assertThat(signInFrom("2001:db8:5:6::" + (i + 1), clinic, nurse, "guess " + i)).isFalse();
        }
        assertThat(signInFrom("2001:db8:5:6::ff", clinic, nurse, PASSWORD)).as("same /64").isFalse();
        assertThat(signInFrom("2001:db8:5:7::1", clinic, nurse, PASSWORD)).as("another network").isTrue();
    }

    @Test
    void guessingAcrossManyUsernamesLocksTheAddressOutOfEveryAccount() {
        String sprayer = "203.0.113.50";
        for (int i = 0; i < 20; i++) {
            assertThat(signInFrom(sprayer, clinic, "user" + i, "Password1")).as("guess " + i).isFalse();
        }
        assertThat(signInFrom(sprayer, clinic, "dr.okafor", PASSWORD)).as("the address is locked out").isFalse();
        assertThat(signInFrom("198.51.100.21", clinic, "dr.okafor", PASSWORD)).as("from elsewhere").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gdpr_audit_trail WHERE organization_id = ? AND "
                        + "action = 'login_failed' AND ip_address = ? AND metadata::text LIKE '%locked%'", Integer.class,
                organizationId(clinic), sprayer)).as("the refusal while locked is audited").isEqualTo(1);
    }

    private boolean signInFrom(String address, String tenant, String username, String password) {
        return new SmartBrowser(port, address).signIn(tenant, username, password);
    }

    private void insertUser(String tenant, String username, String password, boolean active) {
        jdbc.update("INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role,"
                        + " is_active) VALUES (?, ?, ?, ?, 'Test', 'User', 'nurse', ?)",
                organizationId(tenant), username + "@clinic.test", username,
                new BCryptPasswordEncoder().encode(password), active);
    }

    private String authorizeUrl(String clientId, String scope, String verifier) {
        return "/oauth2/authorize?" + SmartBrowser.form(new LinkedHashMap<>(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", scope,
                "state", "s-" + UUID.randomUUID(), "aud", base() + "/" + clinic,
                "code_challenge", SmartBrowser.challenge(verifier), "code_challenge_method", "S256")));
    }

    private static JsonNode payload(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** The clinic's browser, with the flow of this app. */
    private final class Browser {
        private final SmartBrowser browser = new SmartBrowser(port);

        HttpResponse<String> get(String url) {
            return browser.get(url);
        }

        boolean signIn(String tenant, String username, String password) {
            return browser.signIn(tenant, username, password);
        }

        String signInAndAuthorize(String clientId, String scope, String challenge, String username, String password) {
            String authorize = "/oauth2/authorize?" + SmartBrowser.form(new LinkedHashMap<>(Map.of(
                    "response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", scope,
                    "state", "xyz", "aud", base() + "/" + clinic, "code_challenge", challenge,
                    "code_challenge_method", "S256")));
            HttpResponse<String> first = browser.get(authorize);
            assertThat(first.statusCode()).isEqualTo(302);
            String loginUrl = SmartBrowser.location(first);
            assertThat(loginUrl).endsWith("/login");
            HttpResponse<String> page = browser.get(loginUrl);
            assertThat(page.body()).contains("Sign in to Clinic " + clinic);
            String back = SmartBrowser.location(browser.submitSignIn(page.body(), username, password));
            assertThat(back).contains("/oauth2/authorize");
            String redirect = SmartBrowser.location(browser.get(back));
            assertThat(redirect).startsWith(REDIRECT).contains("state=xyz");
            return SmartBrowser.parameter(redirect, "code").orElseThrow(() -> new AssertionError(redirect));
        }
    }
}
