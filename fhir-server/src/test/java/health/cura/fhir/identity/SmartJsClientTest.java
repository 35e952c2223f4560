package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SmartBrowser;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * An independent client: the SMART JavaScript client ({@code fhirclient} from npm, run by Node) discovers the server,
 * builds the authorization redirect (PKCE S256), and after the user has signed in and picked the patient, exchanges
 * the code and reads the patient in context. The package is installed by the test itself into {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartJsClientTest extends ServerTest {

    private static final String FHIRCLIENT = "fhirclient@2.5.5";
    private static final Path PACKAGES = Path.of("target", "smart-js");
    private static final Path SCRIPT = Path.of("src", "test", "js", "smart-app.js");
    private static final String REDIRECT = "http://app.example/callback";
    private static final String PASSWORD = "javascript client 9";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String clinic;
    private String clientId;
    private String patient;

    @BeforeAll
    void clinicAppAndNodePackage() throws Exception {
        clinic = newTenant("smartjs");
        String practitioner = createPractitioner(client(clinic), "Nakamura").getIdPart();
        jdbc.update("UPDATE users SET username = 'dr.nakamura', password_hash = ? WHERE id = ?",
                new BCryptPasswordEncoder().encode(PASSWORD), rowId(organizationId(clinic), "Practitioner", practitioner));
        Patient chosen = new Patient();
        chosen.addName().setFamily("Javascriptson").addGiven("Jo");
        patient = create(client(clinic), chosen).getIdPart();
        clientId = clientRegistrar.registerSmartApp(clinic, "JS app", Set.of(REDIRECT),
                Set.of("openid", "fhirUser", "launch/patient", "patient/*.rs", "offline_access"), null).getClientId();
        if (!Files.isDirectory(PACKAGES.resolve("node_modules/fhirclient"))) {
            Files.createDirectories(PACKAGES);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    PACKAGES.toString(), FHIRCLIENT));
        }
    }

    @Test
    void theSmartJavaScriptClientLaunchesStandaloneAndReadsThePatient() throws Exception {
        JsonNode authorize = JSON.readTree(node("authorize", base() + "/" + clinic, clientId, REDIRECT,
                "openid fhirUser launch/patient patient/*.rs"));
        String url = authorize.get("url").asText();
        assertThat(url).startsWith("http://localhost:" + port + "/oauth2/authorize?")
                .contains("code_challenge_method=S256", "client_id=" + clientId);
        assertThat(SmartBrowser.parameter(url, "aud")).contains(base() + "/" + clinic);

        SmartBrowser browser = new SmartBrowser(port);
        String picker = SmartBrowser.location(browser.authorizeSigningIn(url, "dr.nakamura", PASSWORD));
        HttpResponse<String> page = browser.get(picker + "&q=Javascriptson");
        String request = org.springframework.web.util.HtmlUtils.htmlUnescape(page.body().replaceAll(
                "(?s).*name=\"request\" value=\"([^\"]*)\".*", "$1"));
        HttpResponse<String> chosen = browser.post("/launch/patient",
                Map.of("request", request, "patient", patient, "_csrf", SmartBrowser.csrf(page.body())));
        String callback = SmartBrowser.location(browser.get(SmartBrowser.location(chosen)));
        assertThat(callback).startsWith(REDIRECT + "?");

        JsonNode ready = JSON.readTree(node("ready", callback.substring("http://app.example".length()),
                authorize.get("session").toString()));
        assertThat(ready.get("patient").asText()).isEqualTo(patient);
        assertThat(ready.get("family").asText()).isEqualTo("Javascriptson");
    }

    private String node(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", PACKAGES.resolve("node_modules").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
