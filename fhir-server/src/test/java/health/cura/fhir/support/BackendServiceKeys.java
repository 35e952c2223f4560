package health.cura.fhir.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A SMART Backend Services client as an EHR integration would run it: its own key pair, a signed JWT assertion per
 * token request, and the token endpoint's JSON answer.
 */
public final class BackendServiceKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JWK key;
    private final JWSAlgorithm algorithm;

    private BackendServiceKeys(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    public static BackendServiceKeys rsa() {
        try {
            return new BackendServiceKeys(
                    new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(), JWSAlgorithm.RS384);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BackendServiceKeys ec() {
        try {
            return new BackendServiceKeys(
                    new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate(), JWSAlgorithm.ES384);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half, as the client registers it. */
    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    /** A client assertion with the claims SMART requires; {@code changes} may override any of them. */
    public String assertion(String clientId, String audience, Map<String, Object> changes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("exp", Date.from(Instant.now().plusSeconds(120)));
        claims.put("jti", UUID.randomUUID().toString());
        claims.putAll(changes);
        return sign(claims, algorithm);
    }

    public String sign(Map<String, Object> claims, JWSAlgorithm signedWith) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signedWith).keyID(key.getKeyID()).build(), set.build());
        try {
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Posts a client-credentials token request; returns the status and the JSON answer. */
    public static Answer requestToken(String tokenEndpoint, String scope, String assertion) {
        return post(tokenEndpoint, Map.of(
                "grant_type", "client_credentials",
                "scope", scope,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion));
    }

    /** A form POST to an OAuth endpoint. */
    public static Answer post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, JsonNode json) {
        public String accessToken() {
            if (status != 200 || !json.hasNonNull("access_token")) {
                throw new AssertionError("No token: HTTP " + status + " " + json);
            }
            return json.get("access_token").asText();
        }
    }
}
