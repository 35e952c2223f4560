package health.cura.fhir.security.smart;

import health.cura.fhir.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.util.UriComponentsBuilder;

/** Where the built-in authorization server's endpoints are, as a client must be told. */
public final class AuthorizationServerUrls {

    private final SecurityProperties properties;
    private final AuthorizationServerSettings settings;

    public AuthorizationServerUrls(SecurityProperties properties, AuthorizationServerSettings settings) {
        this.properties = properties;
        this.settings = settings;
    }

    /** The configured issuer, or the one Spring Authorization Server derives from the request's own URL. */
    public String issuer(HttpServletRequest request) {
        if (!properties.issuer().isBlank()) {
            return properties.issuer();
        }
        return UriComponentsBuilder.newInstance()
                .scheme(request.getScheme())
                .host(request.getServerName())
                .port(request.getServerPort())
                .path(request.getContextPath())
                .build()
                .toUriString();
    }

    public String authorizationEndpoint(HttpServletRequest request) {
        return issuer(request) + settings.getAuthorizationEndpoint();
    }

    public String tokenEndpoint(HttpServletRequest request) {
        return issuer(request) + settings.getTokenEndpoint();
    }

    public String introspectionEndpoint(HttpServletRequest request) {
        return issuer(request) + settings.getTokenIntrospectionEndpoint();
    }

    public String revocationEndpoint(HttpServletRequest request) {
        return issuer(request) + settings.getTokenRevocationEndpoint();
    }

    public String jwksUri(HttpServletRequest request) {
        return issuer(request) + settings.getJwkSetEndpoint();
    }

    public String userInfoEndpoint(HttpServletRequest request) {
        return issuer(request) + settings.getOidcUserInfoEndpoint();
    }
}
