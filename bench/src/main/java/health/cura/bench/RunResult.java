package health.cura.bench;

/**
 * What one scenario did at one concurrency.
 *
 * @param perSecond completed operations per second (rows or resources per second where the scenario says so)
 * @param serverCores CPU the server's JVM used, in cores (2 = both cores of this machine busy)
 * @param databaseCores CPU the PostgreSQL processes used, in cores
 * @param serverRssMb resident memory of the server's JVM at the end of the run
 */
public record RunResult(
        String scenario, String unit, int clients, long operations, long errors, double perSecond,
        double p50Ms, double p95Ms, double p99Ms, double serverCores, double databaseCores, long serverRssMb) {}
