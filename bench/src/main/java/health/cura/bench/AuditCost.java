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
 * token): how many reads and writes were audited and the time spent writing their audit rows. Snapshots taken
 * around one scenario level give that level's cost.
 */
record AuditCost(double reads, double readSeconds, double writes, double writeSeconds) {

    private static final Pattern MEASUREMENT =
            Pattern.compile("\"statistic\"\\s*:\\s*\"(COUNT|TOTAL_TIME)\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The server's totals so far, or empty when its metrics cannot be read. */
    static Optional<AuditCost> snapshot(String fhirBase, String platformToken) {
        Optional<double[]> reads = measure(fhirBase, "read", platformToken);
        Optional<double[]> writes = measure(fhirBase, "write", platformToken);
        if (reads.isEmpty() && writes.isEmpty()) {
            return Optional.empty();
        }
        double[] r = reads.orElse(new double[2]);
        double[] w = writes.orElse(new double[2]);
        return Optional.of(new AuditCost(r[0], r[1], w[0], w[1]));
    }

    AuditCost since(AuditCost earlier) {
        return new AuditCost(reads - earlier.reads, readSeconds - earlier.readSeconds, writes - earlier.writes,
                writeSeconds - earlier.writeSeconds);
    }

    String msPerRead() {
        return mean(reads, readSeconds);
    }

    String msPerWrite() {
        return mean(writes, writeSeconds);
    }

    String describe() {
        return String.format(Locale.ROOT, "%s ms per audited read (%,.0f reads); %s ms per audited write (%,.0f)",
                msPerRead(), reads, msPerWrite(), writes);
    }

    private static String mean(double count, double seconds) {
        return count == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", seconds * 1000 / count);
    }

    private static Optional<double[]> measure(String fhirBase, String step, String token) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
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
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
