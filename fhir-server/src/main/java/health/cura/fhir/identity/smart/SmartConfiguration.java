package health.cura.fhir.identity.smart;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMART App Launch 2 configuration of a clinic's FHIR endpoint ({@code .well-known/smart-configuration}): the
 * endpoints of the one authorization server, and what it supports. Capabilities are listed only when built.
 */
public final class SmartConfiguration {

    public static final List<String> CAPABILITIES = List.of(
            "launch-standalone",
            "launch-ehr",
            "context-standalone-patient",
            "context-ehr-patient",
            "context-banner",
            "client-public",
            "client-confidential-asymmetric",
            "sso-openid-connect",
            "permission-offline",
            "permission-user",
            "permission-patient",
            "permission-v1",
            "permission-v2");

    public static final List<String> SCOPES = List.of(
            "openid", "fhirUser", "offline_access", "launch", "launch/patient",
            "patient/*.read", "patient/*.write", "patient/*.*", "patient/*.rs", "patient/*.cruds",
            "user/*.read", "user/*.write", "user/*.*", "user/*.rs", "user/*.cruds",
            "system/*.read", "system/*.write", "system/*.*", "system/*.rs", "system/*.cruds");

    /** How a client authenticates at the token endpoint: a signed assertion, or none for a public app. */
    public static final List<String> CLIENT_AUTHENTICATION = List.of("private_key_jwt", "none");

    /** The algorithms of a client's assertion that SMART Backend Services names. */
    public static final List<String> ASSERTION_ALGORITHMS = List.of("RS384", "ES384");

    public static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");

    private final AuthorizationServerUrls urls;

    public SmartConfiguration(AuthorizationServerUrls urls) {
        this.urls = urls;
    }

    public Map<String, Object> describe(HttpServletRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", urls.issuer(request));
        putIfKnown(json, "jwks_uri", urls.jwksUri(request));
        json.put("authorization_endpoint", urls.authorizationEndpoint(request));
        json.put("token_endpoint", urls.tokenEndpoint(request));
        json.put("token_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION);
        json.put("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
        json.put("grant_types_supported", GRANT_TYPES);
        putIfKnown(json, "userinfo_endpoint", urls.userInfoEndpoint(request));
        putIfKnown(json, "introspection_endpoint", urls.introspectionEndpoint(request));
        putIfKnown(json, "revocation_endpoint", urls.revocationEndpoint(request));
        json.put("scopes_supported", SCOPES);
        json.put("response_types_supported", List.of("code"));
        json.put("capabilities", urls.external() ? urls.externalCapabilities() : CAPABILITIES);
        json.put("code_challenge_methods_supported", List.of("S256"));
        return json;
    }

    private static void putIfKnown(Map<String, Object> json, String name, String url) {
        if (!url.isBlank()) {
            json.put(name, url);
        }
    }
}
