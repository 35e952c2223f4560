package health.cura.fhir.identity.oauth;

import health.cura.fhir.identity.smart.SmartConfiguration;
import java.util.List;
import java.util.Map;

/**
 * The OpenID and OAuth server metadata say what the SMART configuration says. Spring's defaults advertise every
 * method and grant it could offer (client secrets, TLS client authentication, device code, token exchange, DPoP) and
 * only {@code openid} as a scope; a client that believed them would pick a method no Cura client is registered for.
 */
final class AdvertisedMetadata {

    private AdvertisedMetadata() {
    }

    /** Rewrites the metadata's claims (both of Spring's metadata builders expose them as a map). */
    static void agreeWithSmart(Map<String, Object> claims) {
        claims.put("token_endpoint_auth_methods_supported", SmartConfiguration.CLIENT_AUTHENTICATION);
        claims.put("token_endpoint_auth_signing_alg_values_supported", SmartConfiguration.ASSERTION_ALGORITHMS);
        // Introspection and revocation are for confidential clients, which authenticate with an assertion.
        claims.put("introspection_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        claims.put("revocation_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        claims.put("grant_types_supported", SmartConfiguration.GRANT_TYPES);
        claims.put("scopes_supported", SmartConfiguration.SCOPES);
        claims.remove("device_authorization_endpoint");
        claims.remove("pushed_authorization_request_endpoint");
        claims.remove("tls_client_certificate_bound_access_tokens");
        claims.remove("dpop_signing_alg_values_supported");
        claims.remove("registration_endpoint");
    }
}
