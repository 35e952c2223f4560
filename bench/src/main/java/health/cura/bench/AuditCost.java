package health.cura.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What auditing cost the server, from its own timer ({@code /actuator/metrics/cura.audit}, read with the platform's
 * token): the mean time spent writing audit rows per audited read and per write.
 */
final class AuditCost {

    private static final Pattern MEASUREMENT =
            Pattern.compile("\"statistic\"\\s*:\\s*\"(COUNT|TOTAL_TIME)\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private AuditCost() {}

    static Optional<String> describe(String fhirBase, String platformToken) {
        Optional<double[]> reads = measure(fhirBase, "read", platformToken);
        Optional<double[]> writes = measure(fhirBase, "write", platformToken);
        if (reads.isEmpty() && writes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s per audited read (%,.0f reads); %s per audited write (%,.0f)",
                reads.map(r -> mean(r)).orElse("n/a"), reads.map(r -> r[0]).orElse(0.0),
                writes.map(w -> mean(w)).orElse("n/a"), writes.map(w -> w[0]).orElse(0.0)));
    }

    private static String mean(double[] countAndSeconds) {
        return countAndSeconds[0] == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f ms", countAndSeconds[1] * 1000 / countAndSeconds[0]);
    }

    private static Optional<double[]> measure(String fhirBase, String step, String token) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(fhirBase).resolve("/actuator/metrics/cura.audit?tag=step:" + step))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            double[] values = new double[2];
            Matcher matcher = MEASUREMENT.matcher(answer.body());
            while (matcher.find()) {
                values["COUNT".equals(matcher.group(1)) ? 0 : 1] = Double.parseDouble(matcher.group(2));
            }
            return Optional.of(values);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
