package health.cura.fhir.identity.smart;

import health.cura.fhir.identity.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the authorization server's endpoints are, as a client must be told: the built-in server's, or the external
 * provider's when it replaces it. An endpoint the external provider does not have is empty.
 */
public final class AuthorizationServerUrls {

    private final SecurityProperties properties;
    private final AuthorizationServerSettings settings;

    public AuthorizationServerUrls(SecurityProperties properties, AuthorizationServerSettings settings) {
        this.properties = properties;
        this.settings = settings;
    }

    /** The configured issuer, or the one Spring Authorization Server derives from the request's own URL. */
    public String issuer(HttpServletRequest request) {
        if (external()) {
            return properties.externalIssuer().issuer();
        }
        if (!properties.issuer().isBlank()) {
            return properties.issuer();
        }
        return UriComponentsBuilder.newInstance()
                .scheme(request.getScheme())
                .host(request.getServerName())
                // A default port is left out, as Spring Authorization Server does for the iss of its tokens.
                .port(isDefaultPort(request) ? -1 : request.getServerPort())
                .path(request.getContextPath())
                .build()
                .toUriString();
    }

    public String authorizationEndpoint(HttpServletRequest request) {
        return external() ? properties.externalIssuer().authorizationEndpoint() : issuer(request) + settings.getAuthorizationEndpoint();
    }

    public String tokenEndpoint(HttpServletRequest request) {
        return external() ? properties.externalIssuer().tokenEndpoint() : issuer(request) + settings.getTokenEndpoint();
    }

    public String introspectionEndpoint(HttpServletRequest request) {
        return external() ? properties.externalIssuer().introspectionEndpoint() : issuer(request) + settings.getTokenIntrospectionEndpoint();
    }

    public String revocationEndpoint(HttpServletRequest request) {
        return external() ? properties.externalIssuer().revocationEndpoint() : issuer(request) + settings.getTokenRevocationEndpoint();
    }

    public String jwksUri(HttpServletRequest request) {
        return external() ? properties.externalIssuer().jwkSetUri() : issuer(request) + settings.getJwkSetEndpoint();
    }

    public String userInfoEndpoint(HttpServletRequest request) {
        return external() ? "" : issuer(request) + settings.getOidcUserInfoEndpoint();
    }

    /** Whether apps are sent to the external provider. */
    public boolean external() {
        return properties.externalIssuer().replacesBuiltIn();
    }

    public java.util.List<String> externalCapabilities() {
        return properties.externalIssuer().capabilities();
    }

    private static boolean isDefaultPort(HttpServletRequest request) {
        return "https".equals(request.getScheme()) && request.getServerPort() == 443
                || "http".equals(request.getScheme()) && request.getServerPort() == 80;
    }
}
