package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests: one Spring/HAPI server per test JVM (every subclass has the same configuration, so Spring
 * caches and shares the context) on the shared test database. Each test class works in tenants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    protected static final FhirContext FHIR = fhirContext();

    /** Where the shared server keeps Binary content (on disk, as a deployment that configures a directory does). */
    protected static final Path BINARY_DIRECTORY = temporaryDirectory("cura-binaries");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Address db = TestDatabase.shared();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("cura.demo.enabled", () -> "false");
        registry.add("cura.binary-storage.directory", () -> BINARY_DIRECTORY.toString());
        registry.add("cura.binary-storage.minimum-bytes", () -> "1024");
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected String base() {
        return "http://localhost:" + port + "/fhir";
    }

    private static FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        // The tests read each CapabilityStatement themselves; the client need not fetch one before every request.
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return context;
    }

    protected IGenericClient client(String tenant) {
        return FHIR.newRestfulGenericClient(base() + "/" + tenant);
    }

    /** A new tenant with a unique subdomain; returns the subdomain. */
    protected String newTenant(String prefix) {
        String subdomain = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        createTenant(subdomain, "Clinic " + subdomain, subdomain + "@clinic.test");
        return subdomain;
    }

    protected Parameters createTenant(String subdomain, String name, String email) {
        Parameters in = new Parameters();
        in.addParameter().setName("name").setValue(new StringType(name));
        in.addParameter().setName("subdomain").setValue(new StringType(subdomain));
        in.addParameter().setName("email").setValue(new StringType(email));
        return client("DEFAULT")
                .operation()
                .onServer()
                .named("$create-tenant")
                .withParameters(in)
                .execute();
    }

    /** The organizations row id (and HAPI partition id) of a tenant. */
    protected int organizationId(String tenant) {
        return jdbc.queryForObject("SELECT id FROM organizations WHERE subdomain = ?", Integer.class, tenant);
    }

    /** The Cura row id a resource is linked to in its clinic. */
    protected int rowId(int organizationId, String resourceType, String resourceId) {
        return jdbc.queryForObject("SELECT row_id FROM fhir_resource_links WHERE organization_id = ? "
                + "AND resource_type = ? AND resource_id = ?", Integer.class, organizationId, resourceType, resourceId);
    }

    /** The whole Cura row a resource is linked to, read in SQL as a reporting user would. */
    protected Map<String, Object> linkedRow(int organizationId, String table, String resourceType, String resourceId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT t.* FROM " + table + " t JOIN fhir_resource_links l"
                + " ON l.organization_id = t.organization_id AND l.table_name = ? AND l.row_id = t.id"
                + " WHERE l.organization_id = ? AND l.resource_type = ? AND l.resource_id = ?",
                table, organizationId, resourceType, resourceId);
        assertThat(rows).as(table + " row linked to " + resourceType + "/" + resourceId).hasSize(1);
        return rows.get(0);
    }

    /** Creates a resource and returns its versionless id. */
    protected static IdType create(IGenericClient client, IBaseResource resource) {
        return (IdType) client.create().resource(resource).execute().getId().toUnqualifiedVersionless();
    }

    /** A practitioner of the clinic with just a family name. */
    protected static IdType createPractitioner(IGenericClient client, String family) {
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily(family);
        return create(client, practitioner);
    }

    /** A patient of the clinic with just a family name. */
    protected static IdType createPatient(IGenericClient client, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        return create(client, patient);
    }

    /** A raw HTTP exchange; {@code headers} are name, value pairs. */
    protected HttpResponse<String> http(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/fhir+json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        return http("GET", path, null, null);
    }

    protected HttpResponse<String> postJson(String path, String body) {
        return http("POST", path, body, "application/fhir+json");
    }

    /** The resources of a searchset or history bundle body, each as JSON (links and the query echo left out). */
    protected static List<String> entries(String bundleJson) {
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson);
        var parser = FHIR.newJsonParser();
        return bundle.getEntry().stream()
                .filter(Bundle.BundleEntryComponent::hasResource)
                .map(e -> parser.encodeResourceToString(e.getResource()))
                .toList();
    }

    /** The diagnostics of an OperationOutcome body, to compare what two answers reveal. */
    protected static String diagnostics(String operationOutcomeJson) {
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, operationOutcomeJson);
        return outcome.getIssueFirstRep().getDiagnostics();
    }
}
