package health.cura.fhir.identity.smart;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.identity.SecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** With an external provider in charge, the SMART configuration sends apps there and claims only what it supports. */
class ExternalSmartConfigurationTest {

    private static SecurityProperties withProvider(boolean advertised) {
        return new SecurityProperties("", Duration.ofMinutes(30), Duration.ofDays(30),
                new SecurityProperties.Lockout(5, 20, Duration.ofMinutes(15)), List.of(), List.of("*"), Duration.ofHours(1),
                new SecurityProperties.ExternalIssuer("https://id.example/realms/clinics",
                        "https://id.example/realms/clinics/certs", "cura-fhir", "tenant", advertised,
                        "https://id.example/realms/clinics/auth", "https://id.example/realms/clinics/token", "", "",
                        List.of("launch-standalone", "permission-v2")));
    }

    private static Map<String, Object> describe(SecurityProperties properties) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/riverside/.well-known/smart-configuration");
        request.setServerName("fhir.cura.example");
        request.setServerPort(443);
        request.setScheme("https");
        return new SmartConfiguration(new AuthorizationServerUrls(properties, AuthorizationServerSettings.builder().build()))
                .describe(request);
    }

    @Test
    void anAdvertisedProviderReplacesTheBuiltInEndpoints() {
        Map<String, Object> json = describe(withProvider(true));
        assertThat(json.get("issuer")).isEqualTo("https://id.example/realms/clinics");
        assertThat(json.get("jwks_uri")).isEqualTo("https://id.example/realms/clinics/certs");
        assertThat(json.get("authorization_endpoint")).isEqualTo("https://id.example/realms/clinics/auth");
        assertThat(json.get("token_endpoint")).isEqualTo("https://id.example/realms/clinics/token");
        assertThat(json).doesNotContainKeys("introspection_endpoint", "revocation_endpoint", "userinfo_endpoint");
        assertThat(json.get("capabilities")).isEqualTo(List.of("launch-standalone", "permission-v2"));
        assertThat(json.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
    }

    @Test
    void aProviderThatIsOnlyTrustedLeavesTheBuiltInServerAdvertised() {
        Map<String, Object> json = describe(withProvider(false));
        assertThat(json.get("issuer")).isEqualTo("https://fhir.cura.example");
        assertThat(json.get("token_endpoint")).isEqualTo("https://fhir.cura.example/oauth2/token");
        assertThat(json.get("capabilities")).isEqualTo(SmartConfiguration.CAPABILITIES);
    }
}
