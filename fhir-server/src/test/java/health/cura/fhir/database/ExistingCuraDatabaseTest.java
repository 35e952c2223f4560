package health.cura.fhir.database;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.CuraFhirServerApplication;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.SmartBrowser;
import health.cura.fhir.support.TestDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The server started on a database the Cura EMR already runs on: built here from the schema document's DDL alone,
 * with rows the EMR could have written (SaaS owners in {@code users} under organization 0, two patients with one NHS
 * number, a username two accounts share, prescription numbers under the document's global UNIQUE, the EMR's own
 * shape of tables the document only names). The server starts on it without changing what the EMR relies on, the EMR
 * goes on writing as before, its clinics are tenants, and the numbers the server draws fit the constraints that exist.
 *
 * <p>This class starts a server of its own (the shared one runs on a database our migrations made).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExistingCuraDatabaseTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PASSWORD = "emr staff password";
    private static final Set<String> EMR_ONLY_TABLES = Set.of("inventory_categories", "chatbot_configs",
            "forecast_models");

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String north = "north-" + suffix;
    private final String south = "south-" + suffix;
    private final BackendServiceKeys platformKeys = BackendServiceKeys.rsa();
    private final BackendServiceKeys clinicKeys = BackendServiceKeys.rsa();
    private JdbcTemplate emr;
    private List<Map<String, Object>> constraintsBefore;
    private List<Map<String, Object>> columnsBefore;
    private final Map<String, IGenericClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private ConfigurableApplicationContext server;
    private int port;
    private int northId;
    private int southId;

    @BeforeAll
    void anExistingCuraDatabaseThenTheServerOnIt() throws Exception {
        TestDatabase.Address shared = TestDatabase.shared();
        String database = "cura_emr_" + suffix.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(shared.url(), shared.username(), shared.password());
                var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = shared.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        emr = new JdbcTemplate(new SingleConnectionDataSource(url, shared.username(), shared.password(), true));

        // the EMR's own shape of tables the document refers to without describing them
        emr.execute("CREATE TABLE inventory_categories (id serial PRIMARY KEY, organization_id integer NOT NULL, "
                + "name text NOT NULL, colour varchar(7))");
        emr.execute("CREATE TABLE chatbot_configs (id serial PRIMARY KEY, organization_id integer NOT NULL, "
                + "bot_name text NOT NULL)");
        emr.execute("CREATE TABLE forecast_models (id serial PRIMARY KEY, organization_id integer NOT NULL, "
                + "label text)");
        for (String statement : CuraEmrDdl.statements(SchemaDocument.read(), EMR_ONLY_TABLES)) {
            emr.execute(statement);
        }
        writeAsTheEmrWould();
        constraintsBefore = constraints();
        columnsBefore = columns();

        // arguments, not default properties: they must win over application.yaml, as on a command line
        server = new SpringApplicationBuilder(CuraFhirServerApplication.class).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + shared.username(),
                "--spring.datasource.password=" + shared.password(),
                "--server.port=0",
                "--cura.demo.enabled=false",
                "--cura.secrets.encryption-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--cura.binary-storage.directory=" + Files.createTempDirectory("cura-emr-binaries"),
                "--cura.security.platform-clients[0].client-id=emr-platform",
                "--cura.security.platform-clients[0].jwks=" + platformKeys.publicJwks());
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void writeAsTheEmrWould() {
        emr.update("INSERT INTO organizations (id, name, subdomain, email, brand_name) "
                + "VALUES (0, 'Cura platform', 'saas-" + suffix + "', 'owners@cura.test', 'Cura')");
        northId = emr.queryForObject("INSERT INTO organizations (name, subdomain, email, brand_name) VALUES "
                + "('North Clinic', ?, 'north@clinic.test', 'North') RETURNING id", Integer.class, north);
        southId = emr.queryForObject("INSERT INTO organizations (name, subdomain, email, brand_name) VALUES "
                + "('South Clinic', ?, 'south@clinic.test', 'South') RETURNING id", Integer.class, south);
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        String users = "INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, "
                + "role, is_saas_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        emr.queryForObject(users, Integer.class, 0, "owner@cura.test", "owner", hash, "Sam", "Owner", "admin", true);
        int doctor = emr.queryForObject(users, Integer.class, northId, "dr.n@north.test", "dr.north", hash, "Nia",
                "North", "doctor", false);
        emr.queryForObject(users, Integer.class, northId, "locum1@north.test", "locum", hash, "Lee", "One", "doctor",
                false);
        emr.queryForObject(users, Integer.class, northId, "locum2@north.test", "locum", hash, "Lee", "Two", "doctor",
                false);
        String patients = "INSERT INTO patients (organization_id, patient_id, first_name, last_name, nhs_number, "
                + "address) VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING id";
        int first = emr.queryForObject(patients, Integer.class, northId, "P00001", "Ada", "Twin", "9434765919",
                "{\"city\": \"Leeds\"}");
        emr.queryForObject(patients, Integer.class, northId, "P00002", "Ada", "Twin", "9434765919", "{}");
        emr.queryForObject(patients, Integer.class, northId, "P00007", "Bo", "Later", null, "{}");
        String prescriptions = "INSERT INTO prescriptions (organization_id, patient_id, doctor_id, prescription_number,"
                + " medication_name, dosage, frequency, duration) VALUES (?, ?, ?, ?, 'Amoxicillin', '500mg', 'tds', "
                + "'7 days')";
        emr.update(prescriptions, northId, first, doctor, "RX000001");
        emr.update(prescriptions, northId, first, doctor, "RX000002");
        int gloves = emr.queryForObject("INSERT INTO inventory_categories (organization_id, name, colour) "
                + "VALUES (?, 'Gloves', '#00aa00') RETURNING id", Integer.class, northId);
        String items = "INSERT INTO inventory_items (organization_id, category_id, item_code, name, "
                + "unit_of_measurement, current_stock, unit_cost) VALUES (?, ?, ?, ?, 'box', ?, 4.99) RETURNING id";
        int counted = emr.queryForObject(items, Integer.class, northId, gloves, "GLV-M", "Gloves, medium", 40);
        emr.update("INSERT INTO inventory_stock_movements (organization_id, item_id, movement_type, quantity, "
                + "created_by) VALUES (?, ?, 'purchase', 25, ?)", northId, counted, doctor);
        emr.queryForObject(items, Integer.class, northId, null, "MASK", "Masks", 7);
    }

    @Test
    void theEmrsItemsShowUpWithTheirCategoryAndALedgerThatAgreesWithTheirStock() {
        java.util.Map<String, Integer> ledger = health.cura.fhir.support.Eventually.await(
                java.time.Duration.ofSeconds(60), () -> {
                    List<Map<String, Object>> rows = emr.queryForList("""
                            SELECT i.item_code, i.current_stock, coalesce(sum(m.quantity), 0) AS ledger,
                                   count(l.resource_id) AS linked
                            FROM inventory_items i
                            LEFT JOIN inventory_stock_movements m ON m.organization_id = i.organization_id
                                 AND m.item_id = i.id
                            LEFT JOIN fhir_resource_links l ON l.organization_id = i.organization_id
                                 AND l.table_name = 'inventory_items' AND l.row_id = i.id
                            WHERE i.organization_id = ? GROUP BY i.item_code, i.current_stock""", northId);
                    boolean done = rows.size() == 2 && rows.stream().allMatch(r -> ((Number) r.get("linked"))
                            .intValue() > 0 && ((Number) r.get("ledger")).intValue()
                            == ((Number) r.get("current_stock")).intValue());
                    return done ? java.util.Optional.of(rows.stream().collect(java.util.stream.Collectors.toMap(
                            r -> (String) r.get("item_code"), r -> ((Number) r.get("ledger")).intValue())))
                            : java.util.Optional.empty();
                });
        assertThat(ledger).containsEntry("GLV-M", 40).containsEntry("MASK", 7);
        assertThat(emr.queryForList("SELECT m.notes FROM inventory_stock_movements m JOIN inventory_items i "
                + "ON i.id = m.item_id WHERE i.organization_id = ? AND m.movement_type = 'adjustment' ORDER BY i.item_code",
                String.class, northId)).satisfiesExactly(
                        glv -> assertThat(glv).startsWith("Reconciles current_stock set to 40"),
                        mask -> assertThat(mask).startsWith("Opening balance"));
        org.hl7.fhir.r4.model.Bundle found = clinic(north).search().forResource(org.hl7.fhir.r4.model.Basic.class)
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(2).anySatisfy(e -> assertThat(FhirContext.forR4Cached().newJsonParser()
                .encodeResourceToString(e.getResource())).contains("Gloves", "\"valueInteger\":40"));
    }

    @Test
    void theServerAddsItsOwnTablesAndIndexesButChangesNoConstraintOrColumnOfTheEmrs() {
        assertThat(constraints()).as("constraints of the EMR's tables").isEqualTo(constraintsBefore);
        assertThat(columns()).as("columns of the EMR's tables").isEqualTo(columnsBefore);
        assertThat(emr.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = 'inventory_categories' ORDER BY ordinal_position", String.class))
                .as("the EMR's own inventory_categories").containsExactly("id", "organization_id", "name", "colour");
        assertThat(emr.queryForList("SELECT version FROM cura_schema_history WHERE version IS NOT NULL "
                + "ORDER BY installed_rank", String.class)).startsWith("3", "4", "5");
        for (String ours : List.of("fhir_resource_links", "cura_number_sequences", "inventory_batches",
                "inventory_suppliers", "chatbot_messages")) {
            assertThat(emr.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, "public." + ours))
                    .as("created: " + ours).isTrue();
        }
        assertThat(emr.queryForObject("SELECT to_regclass('public.ix_patients_org_nhs_number') IS NOT NULL",
                Boolean.class)).as("V3's indexes").isTrue();
    }

    @Test
    void theEmrGoesOnWritingWhatItWroteBefore() {
        emr.update("INSERT INTO users (organization_id, email, username, password_hash, first_name, last_name, role,"
                + " is_saas_owner) VALUES (0, 'owner2@cura.test', 'owner2', 'x', 'Second', 'Owner', 'admin', true)");
        emr.update("INSERT INTO patients (organization_id, patient_id, first_name, last_name, nhs_number) "
                + "VALUES (?, 'P00003', 'Ada', 'Triplet', '9434765919')", northId);
        assertThat(emr.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ? AND nhs_number = ?",
                Integer.class, northId, "9434765919")).isEqualTo(3);
    }

    @Test
    void everyClinicOfTheEmrIsATenantAndTheSaasOwnersOrganizationIsNot() {
        assertThat(emr.queryForList("SELECT part_id FROM hapi.hfj_partition ORDER BY part_id", Integer.class))
                .contains(northId, southId).doesNotContain(0);
        Bundle organizations = clinic(north).search().forResource(Organization.class).returnBundle(Bundle.class)
                .execute();
        assertThat(organizations.getEntry()).extracting(e -> ((Organization) e.getResource()).getName())
                .containsExactly("North Clinic");
    }

    @Test
    void numbersTheServerDrawsFitTheConstraintsThatExistAndSkipWhatTheEmrUsed() {
        String northPatient = createPatient(north, "Newcomer");
        assertThat(number("patients", "patient_id", "Patient", northPatient)).as("after the EMR's P00007")
                .isEqualTo("P00008");
        String southPatient = createPatient(south, "Southerner");
        assertThat(number("patients", "patient_id", "Patient", southPatient)).as("numbered per clinic")
                .isEqualTo("P00001");

        Practitioner doctor = new Practitioner();
        doctor.addName().setFamily("Southdoc");
        String doctorId = clinic(south).create().resource(doctor).execute().getId().getIdPart();
        String prescription = clinic(south).create().resource(prescription(southPatient, doctorId, null)).execute()
                .getId().getIdPart();
        assertThat(number("prescriptions", "prescription_number", "MedicationRequest", prescription))
                .as("unique in every clinic, as the EMR's global constraint wants").isEqualTo("RX000003");

        MedicationRequest taken = prescription(southPatient, doctorId, "RX000001");
        try {
            clinic(south).create().resource(taken).execute();
            throw new AssertionError("a number another clinic holds under the global constraint was accepted");
        } catch (UnprocessableEntityException refused) {
            assertThat(refused.getMessage()).contains("RX000001", "already in use");
        }
    }

    @Test
    void aUsernameTwoAccountsShareSignsInNeitherAndSaasOwnersAreNoClinicsStaff() {
        SmartBrowser browser = new SmartBrowser(port);
        assertThat(browser.signIn(north, "dr.north", PASSWORD)).isTrue();
        assertThat(new SmartBrowser(port).signIn(north, "locum", PASSWORD)).isFalse();
        assertThat(new SmartBrowser(port).signIn("saas-" + suffix, "owner", PASSWORD)).isFalse();
    }

    private String createPatient(String tenant, String family) {
        Patient patient = new Patient();
        patient.addName().setFamily(family);
        return clinic(tenant).create().resource(patient).execute().getId().getIdPart();
    }

    private MedicationRequest prescription(String patientId, String doctorId, String number) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().setText("Amoxicillin 500mg capsules"));
        request.setSubject(new Reference("Patient/" + patientId));
        request.setRequester(new Reference("Practitioner/" + doctorId));
        request.addDosageInstruction().setText("One capsule three times a day");
        if (number != null) {
            request.addIdentifier().setSystem(CuraCanonical.prescriptionNumberSystem(south))
                    .setValue(number);
        }
        return request;
    }

    private String number(String table, String column, String resourceType, String resourceId) {
        return emr.queryForObject("SELECT r." + column + " FROM " + table + " r JOIN fhir_resource_links l ON "
                + "l.row_id = r.id AND l.table_name = ? AND l.resource_type = ? WHERE l.resource_id = ?",
                String.class, table, resourceType, resourceId);
    }

    private IGenericClient clinic(String tenant) {
        return clients.computeIfAbsent(tenant, this::registeredClient);
    }

    private IGenericClient registeredClient(String tenant) {
        String base = "http://localhost:" + port;
        String platform = BackendServiceKeys.requestToken(base + "/oauth2/token", "cura/platform",
                platformKeys.assertion("emr-platform", base + "/oauth2/token", Map.of())).accessToken();
        IGenericClient platformClient = client("DEFAULT", platform);
        Parameters in = new Parameters();
        in.addParameter().setName("tenant").setValue(new StringType(tenant));
        in.addParameter().setName("name").setValue(new StringType("EMR test"));
        in.addParameter().setName("kind").setValue(new StringType("backend-service"));
        in.addParameter().setName("scope").setValue(new StringType("system/*.cruds"));
        in.addParameter().setName("jwks").setValue(new StringType(clinicKeys.publicJwks()));
        String clientId = platformClient.operation().onServer().named("$register-client").withParameters(in)
                .execute().getParameterValue("client_id").primitiveValue();
        String token = BackendServiceKeys.requestToken(base + "/oauth2/token", "system/*.cruds",
                clinicKeys.assertion(clientId, base + "/oauth2/token", Map.of())).accessToken();
        return client(tenant, token);
    }

    private IGenericClient client(String tenant, String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir/" + tenant);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    /**
     * Every constraint of the tables that existed before the server started, but constraint triggers (contype t):
     * those are triggers that refuse nothing, as V19's audit chain, which runs as a writer commits.
     */
    private List<Map<String, Object>> constraints() {
        return emr.queryForList("""
                SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
                FROM pg_constraint c
                WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text = ANY (?)
                  AND c.contype <> 't'
                ORDER BY 1, 2""", (Object) emrTables());
    }

    private List<Map<String, Object>> columns() {
        return emr.queryForList("""
                SELECT table_name, column_name, data_type, is_nullable, column_default
                FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ANY (?)
                ORDER BY table_name, ordinal_position""", (Object) emrTables());
    }

    private String[] emrTables() {
        java.util.Set<String> tables = new java.util.TreeSet<>(SchemaDocument.read().tables().keySet());
        tables.addAll(EMR_ONLY_TABLES);
        return tables.toArray(String[]::new);
    }
}
