package health.cura.fhir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ExternalIssuerStub;
import health.cura.fhir.support.ServerTest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Access tokens of a configured external OpenID Connect provider work beside the built-in server's: checked against
 * its published keys, issuer, audience and lifetime, bound to their clinic, subject to the clinic's roles through
 * {@code fhirUser}, and never the platform's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIssuerTest extends ServerTest {

    private String clinic;
    private String otherClinic;
    private String receptionist;
    private String patient;
    private String pulse;

    @BeforeAll
    void clinicWithAReceptionistAndRecords() {
        clinic = newTenant("external");
        otherClinic = newTenant("external-other");
        receptionist = createPractitioner(client(clinic), "Desk").getIdPart();
        jdbc.update("UPDATE users SET role = 'receptionist' WHERE id = ?",
                rowId(organizationId(clinic), "Practitioner", receptionist));
        patient = createPatient(client(clinic), "Provider").getIdPart();
        pulse = create(client(clinic), pulse(patient)).getIdPart();
    }

    @Test
    void aServiceTokenOfTheProviderWorksAtItsClinicOnly() {
        String token = ExternalIssuerStub.token(Map.of("tenant", clinic, "scope", "system/Patient.rs"));
        assertThat(getWithToken("/" + clinic + "/Patient/" + patient, token).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Observation/" + pulse, token).statusCode()).as("scope").isEqualTo(403);
        assertThat(getWithToken("/" + otherClinic + "/Patient", token).statusCode()).isEqualTo(403);
    }

    @Test
    void tokensTheProviderDidNotIssueForThisServerAreRejected() {
        Map<String, Object> claims = Map.of("tenant", clinic, "scope", "system/Patient.rs");
        assertThat(getWithToken("/" + clinic + "/Patient", ExternalIssuerStub.forgedToken(claims)).statusCode())
                .as("signed with an unpublished key").isEqualTo(401);
        assertThat(getWithToken("/" + clinic + "/Patient", ExternalIssuerStub.token(Map.of("tenant", clinic,
                "scope", "system/Patient.rs", "aud", "some-other-api"))).statusCode()).as("audience").isEqualTo(401);
        assertThat(getWithToken("/" + clinic + "/Patient", ExternalIssuerStub.token(Map.of("tenant", clinic,
                "scope", "system/Patient.rs", "exp", Date.from(Instant.now().minusSeconds(600)))))
                .statusCode()).as("expired").isEqualTo(401);
    }

    @Test
    void aStaffTokenFollowsTheRoleOfItsPractitionerAndUserScopesNeedOne() {
        String staff = ExternalIssuerStub.token(Map.of("tenant", clinic, "scope", "openid user/*.rs",
                "fhirUser", "Practitioner/" + receptionist));
        assertThat(getWithToken("/" + clinic + "/Patient/" + patient, staff).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/" + clinic + "/Observation/" + pulse, staff).statusCode())
                .as("a receptionist does not view medical records").isEqualTo(403);

        String nobody = ExternalIssuerStub.token(Map.of("tenant", clinic, "scope", "openid user/*.rs"));
        assertThat(getWithToken("/" + clinic + "/Patient/" + patient, nobody).statusCode())
                .as("user scopes without a staff member").isEqualTo(403);
    }

    @Test
    void theProviderCannotMintPlatformTokens() {
        String claimsPlatform = ExternalIssuerStub.token(Map.of("scope", "cura/platform", "cura_platform", true));
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"name\",\"valueString\":\"X\"},"
                + "{\"name\":\"subdomain\",\"valueString\":\"external-forged\"},"
                + "{\"name\":\"email\",\"valueString\":\"x@example.org\"}]}";
        assertThat(http("POST", "/DEFAULT/$create-tenant", body, "application/fhir+json",
                "Authorization", "Bearer " + claimsPlatform).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE subdomain = 'external-forged'",
                Integer.class)).isZero();
    }
}
