package health.cura.fhir.identity.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer of the token, introspection and revocation endpoints to a client that did not authenticate (an unknown
 * {@code client_id}, no assertion): RFC 6749's {@code invalid_client} error in JSON with 401. Spring's default is a
 * 401 with no body, which client libraries report as a network failure.
 */
final class InvalidClientEntryPoint implements AuthenticationEntryPoint {

    private static final byte[] BODY = ("{\"error\":\"invalid_client\",\"error_description\":"
            + "\"Client authentication failed: unknown client, or no client assertion\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
