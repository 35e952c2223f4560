package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartApp;
import health.cura.fhir.support.SmartBrowser;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The platform's owners ({@code saas_owners}) are an identity of their own: they sign in on the platform's page
 * through the platform's console app and get platform tokens, which run platform operations and reach no clinic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformOwnerSignInTest extends ServerTest {

    private static final String REDIRECT = "https://ops.example/callback";
    private static final String PASSWORD = "platform keys 9";

    private String owner;
    private String clinic;
    private SmartApp console;

    @BeforeAll
    void ownerClinicAndConsole() {
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO saas_owners (username, password, email, first_name, last_name) VALUES (?, ?, ?, 'Pat', 'Form')",
                owner, new BCryptPasswordEncoder().encode(PASSWORD), owner + "@cura.example");
        clinic = newTenant("owned");
        staffMember(clinic, owner, PASSWORD, "admin"); // a clinic account with the same name and password
        console = new SmartApp(base(), tokenEndpoint(), "DEFAULT",
                clientRegistrar.registerPlatformApp("Platform console", Set.of(REDIRECT)).getClientId(), REDIRECT);
    }

    @Test
    void anOwnerSignsInAndRunsPlatformOperationsButReachesNoClinic() throws Exception {
        String verifier = SmartApp.verifier();
        String code = console.codeOf(new SmartBrowser(port).authorizeSigningIn(
                console.authorizeUrl("openid cura/platform", verifier, Map.of()), owner, PASSWORD));
        String token = console.exchange(code, verifier).get("access_token").asText();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("cura_platform").asBoolean()).isTrue();
        assertThat(claims.has("tenant")).isFalse();

        String subdomain = "by-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"Owned\"},"
                + "{\"name\":\"subdomain\",\"valueString\":\"" + subdomain + "\"},"
                + "{\"name\":\"email\",\"valueString\":\"" + subdomain + "@clinic.test\"}]}";
        assertThat(http("POST", "/DEFAULT/$create-tenant", body, "application/fhir+json",
                "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Patient", token).statusCode()).as("no clinic's data").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT last_login_at IS NOT NULL FROM saas_owners WHERE username = ?",
                Boolean.class, owner)).isTrue();
    }

    @Test
    void ownersAndClinicStaffAreSeparateIdentities() {
        SmartBrowser browser = new SmartBrowser(port);
        assertThat(browser.signIn("DEFAULT", owner, "not the password")).isFalse();
        String clinicOnly = "clinic-only-" + UUID.randomUUID().toString().substring(0, 6);
        staffMember(clinic, clinicOnly, PASSWORD, "admin");
        assertThat(new SmartBrowser(port).signIn("DEFAULT", clinicOnly, PASSWORD))
                .as("a clinic's administrator is no platform owner").isFalse();
        assertThat(new SmartBrowser(port).signIn(clinic, owner, PASSWORD)).as("the clinic's own account").isTrue();
    }
}
