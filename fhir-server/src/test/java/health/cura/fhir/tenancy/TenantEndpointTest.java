package health.cura.fhir.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Addressing: each clinic's CapabilityStatement, unknown tenants, the shared DEFAULT partition, and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantEndpointTest extends ServerTest {

    private String tenant;

    @BeforeAll
    void tenant() {
        tenant = newTenant("endpoint");
    }

    @Test
    void eachTenantServesAnR4CapabilityStatement() {
        CapabilityStatement capabilities = client(tenant).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getFhirVersion()).isEqualTo(Enumerations.FHIRVersion._4_0_1);
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Appointment", "MedicationRequest", "DiagnosticReport", "ImagingStudy", "Consent");
        assertThat(capabilities.getImplementation().getUrl()).endsWith("/fhir/" + tenant);
        assertThat(capabilities.getImplementation().getDescription()).endsWith("Clinic " + tenant);

        // HAPI caches one statement for the server: another clinic's request must not change what this one sees.
        String other = newTenant("endpoint-other");
        CapabilityStatement others = client(other).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(others.getImplementation().getDescription()).endsWith("Clinic " + other);
        CapabilityStatement again = client(tenant).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(again.getImplementation().getUrl()).endsWith("/fhir/" + tenant);
        assertThat(again.getImplementation().getDescription()).endsWith("Clinic " + tenant);
    }

    @Test
    void unknownTenantIsA404OperationOutcomeOnEveryRoute() {
        for (String path : new String[] {"/no-such-clinic/metadata", "/no-such-clinic/Patient",
                "/no-such-clinic/Patient/123", "/no-such-clinic/_history"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(diagnostics(response.body())).as(path).isEqualTo("Unknown tenant: no-such-clinic");
        }
        HttpResponse<String> write = postJson("/no-such-clinic/Patient", "{\"resourceType\":\"Patient\"}");
        assertThat(write.statusCode()).isEqualTo(404);
    }

    @Test
    void theDefaultPartitionHoldsNoClinicalData() {
        HttpResponse<String> response = postJson("/DEFAULT/Patient", "{\"resourceType\":\"Patient\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(diagnostics(response.body())).contains("conformance resources only");
        assertThat(get("/DEFAULT/Patient").statusCode()).isEqualTo(400);
    }

    @Test
    void sharedConformanceResourcesCannotBeWrittenThroughAClinic() {
        HttpResponse<String> response = postJson("/" + tenant + "/CodeSystem",
                "{\"resourceType\":\"CodeSystem\",\"url\":\"https://example.test/cs\",\"status\":\"active\","
                        + "\"content\":\"complete\"}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM hapi.hfj_resource WHERE res_type = 'CodeSystem' AND partition_id <> 0",
                Integer.class)).isZero();
    }

    @Test
    void malformedBodiesAreRefusedAndNothingIsStored() {
        Integer before = patientCount();
        assertBadRequest(postJson("/" + tenant + "/Patient", "{\"resourceType\":\"Patient\","), "JSON");
        assertBadRequest(http("POST", "/" + tenant + "/Patient", "<Patient xmlns=\"http://hl7.org/fhir\"><name>",
                "application/fhir+xml"), "XML");
        assertBadRequest(postJson("/" + tenant + "/Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}"),
                "expected \"Patient\" but found \"Observation\"");
        assertBadRequest(postJson("/" + tenant + "/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}"),
                "sometimes");
        assertThat(patientCount()).isEqualTo(before);
    }

    @Test
    void anIdInACreateBodyIsIgnoredAsTheSpecificationRequires() {
        // FHIR R4 create: "If an id is provided, the server SHALL ignore it"; the server assigns a UUID.
        HttpResponse<String> response = postJson("/" + tenant + "/Patient", "{\"resourceType\":\"Patient\",\"id\":\"mine\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).doesNotContain("/Patient/mine/").containsPattern("/Patient/[0-9a-f-]{36}/_history/1");
        assertThat(get("/" + tenant + "/Patient/mine").statusCode()).isEqualTo(404);
    }

    @Test
    void clientAssignedIdsAreRefusedOnUpdateAsCreate() {
        HttpResponse<String> response = http("PUT", "/" + tenant + "/Patient/my-own-id",
                "{\"resourceType\":\"Patient\",\"id\":\"my-own-id\"}", "application/fhir+json");
        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(diagnostics(response.body())).contains("client-assigned IDs are not enabled");
        assertThat(get("/" + tenant + "/Patient/my-own-id").statusCode()).isEqualTo(404);
    }

    private Integer patientCount() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM hapi.hfj_resource r JOIN organizations o ON o.id = r.partition_id "
                        + "WHERE o.subdomain = ? AND r.res_type = 'Patient'",
                Integer.class, tenant);
    }

    private static void assertBadRequest(HttpResponse<String> response, String mention) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("fhir");
        assertThat(diagnostics(response.body())).contains(mention).doesNotContain("Exception").doesNotContain("at ca.uhn");
    }
}
