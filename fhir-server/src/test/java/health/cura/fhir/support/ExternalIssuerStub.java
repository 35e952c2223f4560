package health.cura.fhir.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An external OpenID Connect provider, as far as a resource server sees one: its signing keys published over HTTP,
 * and access tokens it signs. One per test JVM, started before the shared server that is configured to trust it.
 */
public final class ExternalIssuerStub {

    public static final String AUDIENCE = "cura-fhir";
    private static final BackendServiceKeys KEYS = BackendServiceKeys.rsa();
    private static HttpServer server;

    private ExternalIssuerStub() {}

    public static synchronized String issuer() {
        return base() + "/realms/clinics";
    }

    public static synchronized String jwkSetUri() {
        return base() + "/realms/clinics/certs";
    }

    private static String base() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/realms/clinics/certs", exchange -> {
                byte[] body = KEYS.publicJwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An access token of the provider: issuer, audience, a five-minute life, and {@code claims} over them. */
    public static String token(Map<String, Object> claims) {
        return KEYS.sign(standard(claims), JWSAlgorithm.RS384);
    }

    /** The same token signed by a key the provider never published. */
    public static String forgedToken(Map<String, Object> claims) {
        return BackendServiceKeys.rsa().sign(standard(claims), JWSAlgorithm.RS384);
    }

    private static Map<String, Object> standard(Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer());
        all.put("aud", AUDIENCE);
        all.put("sub", "idp-user-" + UUID.randomUUID());
        all.put("iat", Date.from(Instant.now()));
        all.put("exp", Date.from(Instant.now().plusSeconds(300)));
        all.put("jti", UUID.randomUUID().toString());
        all.putAll(claims);
        return all;
    }
}
