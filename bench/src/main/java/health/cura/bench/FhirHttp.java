package health.cura.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The FHIR endpoint over plain HTTP/1.1, as an EHR would call it; any status other than 2xx is a failure. */
public final class FhirHttp {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final BenchAccess access;

    /**
     * @param base   the server's FHIR base, for example {@code http://localhost:18080/fhir}
     * @param access the tokens: each request carries the one of the clinic its path starts with; null for a server
     *               that asks for none (the plain HAPI yardstick)
     */
    public FhirHttp(String base, BenchAccess access) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.access = access;
    }

    public String get(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public String post(String path, String json) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(String path, HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60));
        if (access != null) {
            String tenant = path.substring(1).split("[/?]", 2)[0];
            request.header("Authorization", "Bearer " + access.tokenFor(tenant));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode(), "HTTP " + response.statusCode() + " for " + response.uri() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body();
    }

    /** The server answered, with a status other than 2xx. */
    public static final class Refused extends IOException {

        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
