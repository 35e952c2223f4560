package health.cura.fhir.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CreateTenantOperationTest extends ServerTest {

    @Test
    void createsRowPartitionAndOwnOrganizationTogether() {
        String subdomain = "north-" + UUID.randomUUID().toString().substring(0, 8);
        Parameters out = createTenant(subdomain, "North Clinic", "hello@north.test");

        int id = ((IntegerType) out.getParameter("organizationId").getValue()).getValue();
        assertThat(((BooleanType) out.getParameter("created").getValue()).booleanValue()).isTrue();
        assertThat(jdbc.queryForObject("SELECT name FROM organizations WHERE id = ? AND subdomain = ?", String.class,
                id, subdomain)).isEqualTo("North Clinic");
        assertThat(jdbc.queryForObject("SELECT part_name FROM hapi.hfj_partition WHERE part_id = ?", String.class, id))
                .isEqualTo(subdomain);

        String organizationId = ((Reference) out.getParameter("organization").getValue()).getReferenceElement().getIdPart();
        Organization own = client(subdomain).read().resource(Organization.class).withId(organizationId).execute();
        assertThat(own.getName()).isEqualTo("North Clinic");
        assertThat(own.getIdentifierFirstRep().getValue()).isEqualTo(subdomain);
        assertThat(jdbc.queryForObject(
                "SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND table_name = 'organizations'",
                String.class, id)).isEqualTo(organizationId);
        assertThat(get("/" + subdomain + "/metadata").statusCode()).isEqualTo(200);
    }

    @Test
    void repeatingTheSameRequestReturnsTheSameTenant() {
        String subdomain = "again-" + UUID.randomUUID().toString().substring(0, 8);
        Parameters first = createTenant(subdomain, "Again Clinic", "a@again.test");
        Parameters second = createTenant(subdomain, "Again Clinic", "a@again.test");

        assertThat(((BooleanType) second.getParameter("created").getValue()).booleanValue()).isFalse();
        assertThat(second.getParameter("organizationId").getValue().primitiveValue())
                .isEqualTo(first.getParameter("organizationId").getValue().primitiveValue());
        assertThat(((Reference) second.getParameter("organization").getValue()).getReference())
                .isEqualTo(((Reference) first.getParameter("organization").getValue()).getReference());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE subdomain = ?", Integer.class,
                subdomain)).isEqualTo(1);
        assertThat(client(subdomain).search().forResource(Organization.class)
                .returnBundle(Bundle.class).execute().getTotal()).isEqualTo(1);
    }

    @Test
    void aTakenSubdomainWithOtherDetailsIsAConflict() {
        String subdomain = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(subdomain, "First Clinic", "first@taken.test");
        HttpResponse<String> response = postJson("/DEFAULT/$create-tenant", parameters(subdomain, "Second Clinic"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(diagnostics(response.body())).contains("already taken");
        assertThat(jdbc.queryForObject("SELECT name FROM organizations WHERE subdomain = ?", String.class, subdomain))
                .isEqualTo("First Clinic");
    }

    @Test
    void invalidSubdomainsAreRefusedWithTheReasonAndNothingStored() {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM organizations", Integer.class);
        String[][] cases = {
            {"Upper", "lower case"},
            {"-dash", "DNS label"},
            {"dash-", "DNS label"},
            {"under_score", "DNS label"},
            {"admin", "reserved"},
            {"fhir", "reserved"},
            {"default", "reserved"},
            {"a".repeat(51), "at most 50"},
            {"dots.not.allowed", "DNS label"}
        };
        for (String[] c : cases) {
            HttpResponse<String> response = postJson("/DEFAULT/$create-tenant", parameters(c[0], "Bad Clinic"));
            assertThat(response.statusCode()).as(c[0]).isEqualTo(422);
            assertThat(diagnostics(response.body())).as(c[0]).contains(c[1]);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations", Integer.class)).isEqualTo(before);
    }

    @Test
    void missingParametersAndBadEmailOrRegionAreNamed() {
        HttpResponse<String> noName = postJson("/DEFAULT/$create-tenant",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subdomain\",\"valueString\":\"x1\"},"
                        + "{\"name\":\"email\",\"valueString\":\"x@y.test\"}]}");
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(diagnostics(noName.body())).contains("name is required");

        HttpResponse<String> bad = postJson("/DEFAULT/$create-tenant",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"X\"},"
                        + "{\"name\":\"subdomain\",\"valueString\":\"bad-details\"},"
                        + "{\"name\":\"email\",\"valueString\":\"not-an-email\"},"
                        + "{\"name\":\"region\",\"valueString\":\"MARS\"}]}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(diagnostics(bad.body())).contains("email").contains("region");
    }

    @Test
    void theOperationExistsOnTheDefaultPartitionOnly() {
        String tenant = newTenant("plain");
        HttpResponse<String> response = postJson("/" + tenant + "/$create-tenant", parameters("other-x", "X"));
        assertThat(response.statusCode()).as("a clinic's token cannot run platform operations").isEqualTo(403);
        HttpResponse<String> withPlatformToken = http("POST", "/" + tenant + "/$create-tenant",
                parameters("other-x", "X"), "application/fhir+json", "Authorization", "Bearer " + token("DEFAULT"));
        assertThat(withPlatformToken.statusCode()).as("the platform's token on a clinic's URL").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE subdomain = 'other-x'", Integer.class))
                .isZero();
    }

    private static String parameters(String subdomain, String name) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"" + name + "\"},"
                + "{\"name\":\"subdomain\",\"valueString\":\"" + subdomain + "\"},"
                + "{\"name\":\"email\",\"valueString\":\"x@clinic.test\"}]}";
    }
}
