package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A bulk export as a client follows it: polling its status until the manifest, then fetching its files. */
public final class BulkExports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BulkExports() {}

    /** The manifest, once the export at {@code statusUrl} finished (within three minutes). */
    public static JsonNode awaitManifest(String statusUrl, String token) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(giveUp)) {
            HttpResponse<String> poll = send(statusUrl, token, "application/fhir+json");
            if (poll.statusCode() == 200) {
                return JSON.readTree(poll.body());
            }
            assertThat(poll.statusCode()).as(poll.body()).isEqualTo(202);
            Thread.sleep(1000);
        }
        throw new AssertionError("the export did not finish within three minutes");
    }

    public static HttpResponse<String> send(String url, String token, String accept)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
