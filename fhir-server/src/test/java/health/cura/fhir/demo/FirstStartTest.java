package health.cura.fhir.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import health.cura.conformance.ConformancePackage;
import health.cura.fhir.CuraFhirServerApplication;
import health.cura.fhir.identity.oauth.ClientRegistrar;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ProfileValidator;
import health.cura.fhir.support.SmartBrowser;
import health.cura.mappings.patient.NhsNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The README's run command as a newcomer meets it: no database configured, so the server starts its own embedded
 * PostgreSQL, creates the schema and the demo clinic; a second start on the same data changes nothing.
 */
class FirstStartTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @Test
    void firstStartServesTheDemoClinicAndASecondStartChangesNothing() throws Exception {
        Path data = Files.createTempDirectory("cura-first-start");
        Map<String, Long> afterFirst;
        try (ConfigurableApplicationContext server = start(data)) {
            String base = "http://localhost:" + port(server) + "/fhir/demo";
            token = demoToken(server);
            assertThat(new SmartBrowser(port(server)).signIn("demo", "sarah.okafor", "cura-demo"))
                    .as("the demo administrator signs in with the README's password").isTrue();
            assertThat(new SmartBrowser(port(server)).signIn("demo", "james.whitfield", "wrong")).isFalse();

            HttpResponse<String> metadata = get(base + "/metadata");
            assertThat(metadata.statusCode()).isEqualTo(200);
            CapabilityStatement capabilities =
                    FHIR.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
            assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");

            HttpResponse<String> patients = get(base + "/Patient?_count=5&_total=accurate");
            assertThat(patients.statusCode()).isEqualTo(200);
            Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, patients.body());
            assertThat(page.getEntry()).hasSize(5);
            assertThat(page.getTotal()).isEqualTo(50);
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                Patient patient = (Patient) entry.getResource();
                Identifier nhs = patient.getIdentifier().stream()
                        .filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                        .findFirst()
                        .orElseThrow();
                assertThat(NhsNumber.isValid(nhs.getValue())).as(nhs.getValue()).isTrue();
                assertThat(patient.getNameFirstRep().getFamily()).isNotBlank();
            }
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            // the run command's database keeps what it acknowledged through a crash of PostgreSQL or of the machine
            for (String durability : List.of("fsync", "full_page_writes", "synchronous_commit")) {
                assertThat(jdbc.queryForObject("SHOW " + durability, String.class)).as(durability).isEqualTo("on");
            }
            Map<String, String> tables = Map.of("Patient", "patients", "Practitioner", "users",
                    "Appointment", "appointments", "MedicationRequest", "prescriptions",
                    "DiagnosticReport", "lab_results");
            for (Map.Entry<String, String> mapped : tables.entrySet()) {
                Bundle found = FHIR.newJsonParser()
                        .parseResource(Bundle.class, get(base + "/" + mapped.getKey() + "?_summary=count").body());
                assertThat(found.getTotal()).as(mapped.getKey()).isPositive();
                // the clinic's own tables hold the same records as its FHIR endpoint
                assertThat(jdbc.queryForObject("SELECT count(*) FROM " + mapped.getValue() + " t JOIN organizations o"
                        + " ON o.id = t.organization_id WHERE o.subdomain = 'demo'", Integer.class))
                        .as(mapped.getValue()).isEqualTo(found.getTotal());
            }
            assertEveryResourceValidates(base, capabilities);
            afterFirst = counts(server);
        }

        try (ConfigurableApplicationContext again = start(data)) {
            token = demoToken(again);
            assertThat(counts(again)).isEqualTo(afterFirst);
            assertThat(get("http://localhost:" + port(again) + "/fhir/demo/Patient?_summary=count").body())
                    .contains("\"total\":50");
        }
    }

    /**
     * What HAPI's validator says of every extension definition it checks offline, FHIR's own and UK Core's included
     * (it regenerates the snapshot from the hl7.fhir.r4.core NPM package, which is not available offline); it says
     * nothing about the definition itself.
     */
    private static final String OFFLINE_SNAPSHOT_CHECK = "Error generating Snapshot: Unable to resolve package id "
            + "hl7.fhir.r4.core#null (this usually arises from a problem in the differential)";

    /** Every resource the demo clinic serves conforms to R4 and, for mapped types, to its Cura (UK Core) profile. */
    private void assertEveryResourceValidates(String base, CapabilityStatement capabilities) throws Exception {
        ProfileValidator validator = new ProfileValidator(FHIR);
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (CapabilityStatement.CapabilityStatementRestResourceComponent type
                : capabilities.getRestFirstRep().getResource()) {
            String next = base + "/" + type.getType() + "?_count=200";
            while (next != null) {
                Bundle page = FHIR.newJsonParser().parseResource(Bundle.class, get(next).body());
                for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                    Resource resource = entry.getResource();
                    String[] profiles = ConformancePackage.profileOf(resource)
                            .map(p -> new String[] {p.url()}).orElse(new String[0]);
                    validator.validate(resource, profiles).getMessages().stream()
                            .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                            .filter(m -> !OFFLINE_SNAPSHOT_CHECK.equals(m.getMessage()))
                            .forEach(m -> problems.add(resource.getIdElement().toUnqualifiedVersionless().getValue()
                                    + " " + m.getLocationString() + ": " + m.getMessage()));
                    validated++;
                }
                next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
            }
        }
        assertThat(validated).isGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(CuraFhirServerApplication.class)
                .run(
                        "--server.port=0",
                        "--cura.database.embedded.data-directory=" + data.resolve("postgres"),
                        "--spring.datasource.url=",
                        "--cura.secrets.key-file=" + data.resolve("encryption.key"),
                        "--cura.demo.enabled=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Map<String, Long> counts(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"organizations", "fhir_resource_links", "cura_schema_history",
                "hapi.\"FLY_HFJ_MIGRATION\"", "hapi.hfj_resource", "hapi.hfj_res_ver", "hapi.hfj_partition"}) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }

    /** A token of a backend service registered in the demo clinic, as its administrator would register one. */
    private static String demoToken(ConfigurableApplicationContext server) {
        BackendServiceKeys keys = BackendServiceKeys.rsa();
        String clientId = server.getBean(ClientRegistrar.class)
                .registerBackendService("demo", "First start test", keys.publicJwks(), Set.of("system/*.rs"))
                .getClientId();
        String tokenEndpoint = "http://localhost:" + port(server) + "/oauth2/token";
        return BackendServiceKeys.requestToken(tokenEndpoint, "system/*.rs",
                keys.assertion(clientId, tokenEndpoint, Map.of())).accessToken();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
