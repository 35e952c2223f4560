package health.cura.bench;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code clients} threads each run the operation back to back for the warm-up and then the measured
 * time; latencies of the measured part go to an HdrHistogram. Not a timed test: it reports, it does not judge.
 */
public final class LoadRunner {

    private final Duration warmUp;
    private final Duration measured;
    private final ProcessStats stats;

    public LoadRunner(Duration warmUp, Duration measured, ProcessStats stats) {
        this.warmUp = warmUp;
        this.measured = measured;
        this.stats = stats;
    }

    /**
     * @param unitsPerOperation how many units (rows, resources) one operation carries
     * @param minimumMeasured at least this long is measured (for operations that take seconds each)
     */
    public RunResult run(String scenario, String unit, int unitsPerOperation, int clients, Duration minimumMeasured,
            Operation operation) throws InterruptedException {
        Duration measured = minimumMeasured.compareTo(this.measured) > 0 ? minimumMeasured : this.measured;
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        long startNanos = System.nanoTime();
        long measureFrom = startNanos + warmUp.toNanos();
        long stopAt = measureFrom + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long iteration = 0;
                while (true) {
                    long before = System.nanoTime();
                    if (before >= stopAt) {
                        return;
                    }
                    String failure = null;
                    String message = null;
                    try {
                        operation.run(client, iteration++);
                    } catch (Exception e) {
                        failure = kind(e);
                        message = e.getMessage();
                    }
                    long after = System.nanoTime();
                    // an operation counts when it completes inside the measured window, wherever it started
                    if (after >= measureFrom && after <= stopAt) {
                        if (failure == null) {
                            recorder.recordValue(Math.max(1, (after - before) / 1_000));
                            done.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            String firstOfItsKind = message;
                            errorKinds.computeIfAbsent(failure, k -> {
                                // the first failure of each kind, whole, so that a run says what went wrong
                                System.err.println(scenario + " at " + clients + " clients, first " + k + ": "
                                        + firstOfItsKind);
                                return new AtomicLong();
                            }).incrementAndGet();
                        }
                    }
                }
            }, "bench-" + scenario + "-" + c);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        double serverCpu = stats.serverCpuSeconds();
        double databaseCpu = stats.databaseCpuSeconds();
        Thread.sleep(Math.max(0, (stopAt - System.nanoTime()) / 1_000_000));
        double serverCpuUsed = stats.serverCpuSeconds() - serverCpu;
        double databaseCpuUsed = stats.databaseCpuSeconds() - databaseCpu;
        long rssMb = stats.serverRssMb();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = measured.toNanos() / 1e9;
        var histogram = recorder.getIntervalHistogram();
        return new RunResult(scenario, unit, clients, done.get(), errors.get(),
                done.get() * (double) unitsPerOperation / seconds,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                serverCpuUsed / seconds,
                databaseCpuUsed / seconds,
                rssMb,
                mostFrequentFirst(errorKinds));
    }

    private static String kind(Exception failure) {
        if (failure instanceof FhirHttp.Refused refused) {
            return "HTTP " + refused.status();
        }
        if (failure instanceof HttpTimeoutException) {
            return "timeout";
        }
        return failure.getClass().getSimpleName();
    }

    private static Map<String, Long> mostFrequentFirst(Map<String, AtomicLong> kinds) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        kinds.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, AtomicLong> e) -> e.getValue().get()).reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue().get()));
        return sorted;
    }
}
