package health.cura.fhir.billing.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The calls Cura makes to QuickBooks Online, in its API's shapes: the OAuth 2.0 code exchange and refresh at Intuit's
 * token endpoint, {@code CompanyInfo}, a query, and creating an entity ({@code Customer}, {@code Invoice},
 * {@code Payment}) with a {@code requestid}, which QuickBooks answers for a retry with what the first request made.
 * A refusal or an unreachable API is a {@link QuickBooksFault}.
 */
public class QuickBooksApi {

    private final QuickBooksProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;

    public QuickBooksApi(QuickBooksProperties properties, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public boolean configured() {
        return !properties.clientId().isBlank();
    }

    /** The tokens an authorization code of the clinic's sign-in at Intuit is worth. */
    public QuickBooksTokens exchange(String code, String redirectUri) {
        return tokens("grant_type=authorization_code&code=" + form(code) + "&redirect_uri=" + form(redirectUri));
    }

    /** New tokens for a refresh token (QuickBooks rotates the refresh token too). */
    public QuickBooksTokens refresh(String refreshToken) {
        return tokens("grant_type=refresh_token&refresh_token=" + form(refreshToken));
    }

    /** The company's {@code CompanyInfo}: its name ({@code CompanyName}) and {@code Country}. */
    public JsonNode companyInfo(String realmId, String accessToken) {
        return send(HttpRequest.newBuilder(uri(realmId, "companyinfo/" + path(realmId), null)).GET(), accessToken)
                .path("CompanyInfo");
    }

    /** The first entity a QuickBooks query finds ({@code select * from Customer where DisplayName = '...'}). */
    public Optional<JsonNode> queryOne(String realmId, String accessToken, String entity, String query) {
        JsonNode found = send(HttpRequest.newBuilder(URI.create(properties.apiUrl() + "/company/" + path(realmId)
                + "/query?query=" + form(query) + "&minorversion=" + properties.minorVersion())).GET(), accessToken)
                .path("QueryResponse").path(entity);
        return found.isArray() && !found.isEmpty() ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Creates an entity and answers its QuickBooks {@code Id}; the same request id answers the same entity. */
    public String create(String realmId, String accessToken, String entity, JsonNode body, String requestId) {
        JsonNode created = send(HttpRequest.newBuilder(uri(realmId, entity.toLowerCase(), requestId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), accessToken).path(entity);
        String id = created.path("Id").asText("");
        if (id.isEmpty()) {
            throw new QuickBooksFault(502, "QuickBooks answered the new " + entity + " without an Id", true);
        }
        return id;
    }

    private QuickBooksTokens tokens(String form) {
        String basic = Base64.getEncoder().encodeToString((properties.clientId() + ":" + properties.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenUrl()))
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode answer = exchange(request);
        String access = answer.path("access_token").asText("");
        String refresh = answer.path("refresh_token").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            throw new QuickBooksFault(502, "Intuit's token endpoint answered without tokens", true);
        }
        return new QuickBooksTokens(access, refresh, clock.instant().plusSeconds(answer.path("expires_in").asLong(3600)));
    }

    private JsonNode send(HttpRequest.Builder request, String accessToken) {
        return exchange(request.timeout(properties.timeout()).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").build());
    }

    private JsonNode exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QuickBooksFault(0, "QuickBooks could not be reached: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickBooksFault(0, "Interrupted while calling QuickBooks", true);
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                    : json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && !body.has("Fault")) {
            return body;
        }
        throw new QuickBooksFault(status, fault(body, status), status == 429 || status >= 500 || status == 401);
    }

    /** QuickBooks' own words: {@code Fault.Error[0]}'s code, message and detail, or the OAuth error. */
    private static String fault(JsonNode body, int status) {
        JsonNode error = body.path("Fault").path("Error").path(0);
        if (!error.isMissingNode()) {
            String code = error.path("code").asText("");
            return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + error.path("Message").asText("")
                    + (error.path("Detail").asText("").isEmpty() ? "" : " (" + error.path("Detail").asText() + ")");
        }
        if (body.has("error")) {
            return "HTTP " + status + ": " + body.path("error").asText() + " " + body.path("error_description").asText("");
        }
        return "HTTP " + status;
    }

    private URI uri(String realmId, String entity, String requestId) {
        return URI.create(properties.apiUrl() + "/company/" + path(realmId) + "/" + entity + "?minorversion="
                + properties.minorVersion() + (requestId == null ? "" : "&requestid=" + form(requestId)));
    }

    private static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
