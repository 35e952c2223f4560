package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.identity.oauth.ClientRegistrar;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests: one Spring/HAPI server per test JVM (every subclass has the same configuration, so Spring
 * caches and shares the context) on the shared test database. Each test class works in tenants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    protected static final FhirContext FHIR = fhirContext();

    /** The platform's own backend client, declared in configuration as an operator would. */
    protected static final String PLATFORM_CLIENT_ID = "test-platform";
    /** The shared server's key for secrets at rest: another server process on the same database needs it too. */
    protected static final String ENCRYPTION_KEY = testEncryptionKey();
    protected static final BackendServiceKeys PLATFORM_KEYS = BackendServiceKeys.rsa();
    /** The key pair of every clinic's test backend client. */
    protected static final BackendServiceKeys CLINIC_KEYS = BackendServiceKeys.rsa();
    /** A full-access token per clinic (and one for DEFAULT, the platform's), fetched once per test JVM. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** Where the shared server keeps Binary content (on disk, as a deployment that configures a directory does). */
    protected static final Path BINARY_DIRECTORY = temporaryDirectory("cura-binaries");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ClientRegistrar clientRegistrar;

    @Autowired
    private org.springframework.transaction.PlatformTransactionManager transactionManager;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Address db = TestDatabase.shared();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        sharedSettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    /**
     * The shared server's settings beyond its database, for another server process that must behave as it does (its
     * stored definitions, its limits, its tokens).
     */
    protected static Map<String, String> sharedSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        // small enough for a test to exceed, large enough for the Synthea bundles the tests load (at most 315 entries)
        settings.put("cura.limits.max-bundle-entries", "400");
        settings.put("cura.limits.max-body-bytes", "5000000");
        settings.put("cura.demo.enabled", "false");
        // as behind a reverse proxy: the client's address is the one it forwards (SmartBrowser with an address)
        settings.put("server.forward-headers-strategy", "native");
        settings.put("cura.binary-storage.directory", BINARY_DIRECTORY.toString());
        settings.put("cura.binary-storage.minimum-bytes", "1024");
        settings.put("cura.secrets.encryption-key", ENCRYPTION_KEY);
        settings.put("cura.security.platform-clients[0].client-id", PLATFORM_CLIENT_ID);
        settings.put("cura.security.platform-clients[0].jwks", PLATFORM_KEYS.publicJwks());
        // Tokens of an external provider are accepted too; apps are still sent to the built-in server.
        settings.put("cura.security.external-issuer.issuer", ExternalIssuerStub.issuer());
        settings.put("cura.security.external-issuer.jwk-set-uri", ExternalIssuerStub.jwkSetUri());
        settings.put("cura.security.external-issuer.audience", ExternalIssuerStub.AUDIENCE);
        settings.put("cura.security.external-issuer.advertised", "false");
        // QuickBooks Online is a local stand-in that speaks its API
        settings.put("cura.quickbooks.client-id", QuickBooksStandIn.CLIENT_ID);
        settings.put("cura.quickbooks.client-secret", QuickBooksStandIn.CLIENT_SECRET);
        settings.put("cura.quickbooks.token-url", QuickBooksStandIn.tokenUrl());
        settings.put("cura.quickbooks.api-url", QuickBooksStandIn.apiUrl());
        settings.put("cura.quickbooks.refund-account-id", "35");
        return settings;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String testEncryptionKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /**
     * Runs SQL writes in a transaction marked as the server's own, so that no change-capture trigger records them: rows
     * as they would be in a database from before the server ran (for the backfill, or an account FHIR links to).
     */
    protected <T> T unseenBySql(java.util.function.Supplier<T> writes) {
        return new org.springframework.transaction.support.TransactionTemplate(transactionManager).execute(tx -> {
            jdbc.queryForList("SELECT set_config('cura.origin', 'server', true)");
            return writes.get();
        });
    }

    protected String base() {
        return "http://localhost:" + port + "/fhir";
    }

    protected String tokenEndpoint() {
        return "http://localhost:" + port + "/oauth2/token";
    }

    /**
     * A token of a backend service with every {@code system/} scope of the clinic (or, for {@code DEFAULT}, of the
     * platform): what the tests of other features act with.
     */
    protected String token(String tenant) {
        return TOKENS.computeIfAbsent(tenant, t -> {
            if (TenantPartitionInterceptor.DEFAULT_TENANT.equals(t)) {
                return BackendServiceKeys.requestToken(tokenEndpoint(), PlatformScopes.PLATFORM,
                        PLATFORM_KEYS.assertion(PLATFORM_CLIENT_ID, tokenEndpoint(), Map.of())).accessToken();
            }
            String clientId = clientRegistrar.registerBackendService(
                    t, "Tests of " + t, CLINIC_KEYS.publicJwks(), Set.of("system/*.cruds")).getClientId();
            return BackendServiceKeys.requestToken(tokenEndpoint(), "system/*.cruds",
                    CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        });
    }

    /** A new backend client of the clinic, allowed exactly {@code scopes}; returns a token for all of them. */
    protected String tokenWithScopes(String tenant, String... scopes) {
        String scope = String.join(" ", scopes);
        String clientId = clientRegistrar.registerBackendService(
                tenant, "Scoped tests of " + tenant, CLINIC_KEYS.publicJwks(), Set.of(scopes)).getClientId();
        return BackendServiceKeys.requestToken(tokenEndpoint(), scope,
                CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
    }

    private static FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        // The tests read each CapabilityStatement themselves; the client need not fetch one before every request.
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return context;
    }

    /** A FHIR client of the clinic acting with the clinic's full-access test token. */
    protected IGenericClient client(String tenant) {
        return clientWithToken(tenant, token(tenant));
    }

    protected IGenericClient clientWithToken(String tenant, String accessToken) {
        IGenericClient client = FHIR.newRestfulGenericClient(base() + "/" + tenant);
        client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
        return client;
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

    /**
     * A member of the clinic's staff who can sign in: a practitioner created over FHIR, whose {@code users} row the
     * clinic's own software then gives a username, a password and a role.
     */
    protected void staffMember(String tenant, String username, String password, String role) {
        String practitioner = createPractitioner(client(tenant), username).getIdPart();
        jdbc.update("UPDATE users SET username = ?, password_hash = ?, role = ? WHERE id = ?", username,
                new BCryptPasswordEncoder().encode(password), role,
                rowId(organizationId(tenant), "Practitioner", practitioner));
    }

    /**
     * An access token for a member of staff ({@code user/*.cruds}, so that only their role limits them), from a
     * staff app of the clinic through the sign-in page, as a person gets one.
     */
    protected String staffToken(String tenant, String username, String password) {
        String redirect = "https://staff-app.example/callback";
        SmartApp app = new SmartApp(base(), tokenEndpoint(), tenant, clientRegistrar.registerSmartApp(tenant,
                "Staff app of " + username, Set.of(redirect), Set.of("openid", "fhirUser", "user/*.cruds"), null)
                .getClientId(), redirect);
        String verifier = SmartApp.verifier();
        String code = app.codeOf(new SmartBrowser(port).authorizeSigningIn(
                app.authorizeUrl("openid fhirUser user/*.cruds", verifier, Map.of()), username, password));
        return app.exchange(code, verifier).get("access_token").asText();
    }

    /** A patient of the clinic with just a family name. */
    protected static IdType createPatient(IGenericClient client, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        return create(client, patient);
    }

    /** A heart-rate Observation of the patient, as a clinic records it. */
    protected static org.hl7.fhir.r4.model.Observation pulse(String patientId) {
        org.hl7.fhir.r4.model.Observation pulse = new org.hl7.fhir.r4.model.Observation();
        pulse.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        pulse.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        pulse.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        pulse.setValue(new org.hl7.fhir.r4.model.Quantity(70).setUnit("/min")
                .setSystem("http://unitsofmeasure.org").setCode("/min"));
        pulse.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01T10:00:00Z"));
        return pulse;
    }

    /**
     * A raw HTTP exchange; {@code headers} are name, value pairs. Unless they name an Authorization, the request
     * carries the full-access token of the clinic its path starts with.
     */
    protected HttpResponse<String> http(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/fhir+json");
        boolean authorizationGiven = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            authorizationGiven |= headers[i].equalsIgnoreCase("Authorization");
            if (!headers[i + 1].isEmpty()) {
                request.setHeader(headers[i], headers[i + 1]);
            }
        }
        if (!authorizationGiven) {
            String tenant = path.substring(1).split("[/?]", 2)[0];
            request.header("Authorization", "Bearer " + token(tenant));
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

    /** A GET with no token at all. */
    protected HttpResponse<String> anonymousGet(String path) {
        return http("GET", path, null, null, "Authorization", "");
    }

    /** A GET with the given access token. */
    protected HttpResponse<String> getWithToken(String path, String accessToken) {
        return http("GET", path, null, null, "Authorization", "Bearer " + accessToken);
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
