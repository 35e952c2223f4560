package health.cura.bench;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one scenario did at one concurrency.
 *
 * @param perSecond completed operations per second (rows or resources per second where the scenario says so)
 * @param serverCores CPU the server's JVM used, in cores (2 = both cores of this machine busy)
 * @param databaseCores CPU the PostgreSQL processes used, in cores
 * @param serverRssMb resident memory of the server's JVM at the end of the run
 * @param errorKinds the failed operations by what went wrong ("HTTP 503", "timeout"), most frequent first
 */
public record RunResult(
        String scenario, String unit, int clients, long operations, long errors, double perSecond,
        double p50Ms, double p95Ms, double p99Ms, double serverCores, double databaseCores, long serverRssMb,
        Map<String, Long> errorKinds) {

    /** The error count, with its kinds when there were any: "5 (timeout 3, HTTP 503 2)". */
    public String describeErrors() {
        if (errorKinds.isEmpty()) {
            return Long.toString(errors);
        }
        return errors + errorKinds.entrySet().stream()
                .map(kind -> kind.getKey() + " " + kind.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
