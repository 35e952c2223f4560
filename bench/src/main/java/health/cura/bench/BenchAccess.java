package health.cura.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark's identities, as real clients have them: the platform's backend client (declared in the server's
 * configuration) creates clinics and registers, for each clinic, a backend service whose token every request of that
 * clinic carries. Tokens are renewed a while before they expire.
 */
public final class BenchAccess {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Pattern CLIENT_ID = Pattern.compile(
            "\"name\"\\s*:\\s*\"client_id\"\\s*,\\s*\"valueString\"\\s*:\\s*\"([^\"]+)\"");
    private static final String CLINIC_SCOPE = "system/*.cruds";

    private record Token(String value, Instant renewAfter) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String fhirBase;
    private final String tokenEndpoint;
    private final String platformClient;
    private final SigningKey platformKey;
    private final SigningKey clinicKey;
    private final Map<String, String> clinicClients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public BenchAccess(String fhirBase, String tokenEndpoint, String platformClient, SigningKey platformKey)
            throws Exception {
        this.fhirBase = fhirBase;
        this.tokenEndpoint = tokenEndpoint;
        this.platformClient = platformClient;
        this.platformKey = platformKey;
        this.clinicKey = SigningKey.generate();
    }

    /** The bearer token for a request to {@code tenant} ({@code DEFAULT} for the platform). */
    public String tokenFor(String tenant) {
        Token current = tokens.get(tenant);
        if (current == null || Instant.now().isAfter(current.renewAfter())) {
            synchronized (this) {
                current = tokens.get(tenant);
                if (current == null || Instant.now().isAfter(current.renewAfter())) {
                    current = "DEFAULT".equals(tenant)
                            ? requestToken(platformClient, platformKey, "cura/platform")
                            : requestToken(clinicClient(tenant), clinicKey, CLINIC_SCOPE);
                    tokens.put(tenant, current);
                }
            }
        }
        return current.value();
    }

    private String clinicClient(String tenant) {
        return clinicClients.computeIfAbsent(tenant, t -> {
            String answer = send(HttpRequest.newBuilder(URI.create(fhirBase + "/DEFAULT/$register-client"))
                    .header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + tokenFor("DEFAULT"))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"resourceType":"Parameters","parameter":[{"name":"tenant","valueString":"%s"},\
                            {"name":"name","valueString":"Benchmark load"},\
                            {"name":"kind","valueString":"backend-service"},\
                            {"name":"scope","valueString":"%s"},{"name":"requestsPerSecond","valueInteger":100000},\
                            {"name":"jwks","valueString":"%s"}]}"""
                            .formatted(t, CLINIC_SCOPE, clinicKey.publicJwks().replace("\"", "\\\"")))));
            Matcher id = CLIENT_ID.matcher(answer);
            if (!id.find()) {
                throw new IllegalStateException("No client_id in " + answer);
            }
            return id.group(1);
        });
    }

    private Token requestToken(String clientId, SigningKey key, String scope) {
        try {
            String form = Map.of("grant_type", "client_credentials", "scope", scope,
                            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                            "client_assertion", key.assertion(clientId, tokenEndpoint))
                    .entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String answer = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            Matcher token = ACCESS_TOKEN.matcher(answer);
            Matcher expires = EXPIRES_IN.matcher(answer);
            if (!token.find() || !expires.find()) {
                throw new IllegalStateException("No token in " + answer);
            }
            // Renewed at two thirds of its life, so no request of a measured interval carries an expired token.
            long lifetime = Long.parseLong(expires.group(1));
            return new Token(token.group(1), Instant.now().plusSeconds(lifetime * 2 / 3));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
