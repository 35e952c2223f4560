package health.cura.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search latency as a clinic grows: patients are added in transaction bundles (four loaders at once) up to each size,
 * and at each size the two patient searches run again. A run with many clinics adds them with a few patients each and
 * measures the searches in the first, at its full size.
 */
public final class DataGrowth {

    private static final int BUNDLE = 50;
    private static final int LOADERS = 4;
    /** Without database access, a pause of autovacuum's nap and a little more stands in for {@link AutoAnalyze}. */
    private static final Duration SETTLE = Duration.ofSeconds(70);

    private final FhirHttp fhir;
    private final LoadRunner runner;
    private final int[] searchClients;
    private final AutoAnalyze analyze;
    private final List<String> loads = new ArrayList<>();

    /** @param analyze the database, to wait for its statistics after each load; null when the harness has no access */
    public DataGrowth(FhirHttp fhir, LoadRunner runner, int[] searchClients, AutoAnalyze analyze) {
        this.fhir = fhir;
        this.runner = runner;
        this.searchClients = searchClients;
        this.analyze = analyze;
    }

    public List<RunResult> patients(BenchTenant tenant, int[] sizes) throws Exception {
        List<RunResult> results = new ArrayList<>();
        AtomicLong loaded = new AtomicLong(tenant.preloaded);
        // the JIT first (a cold server made the first size look slowest), then the same searches at the starting size,
        // in the same server run, so each size has its baseline
        Scenarios warm = new Scenarios(fhir, tenant);
        runner.run("warm-up", "searches", 1, 4, Duration.ofSeconds(20), warm.searchByFamilyAndBirthDate());
        runner.run("warm-up", "searches", 1, 4, Duration.ofSeconds(20), warm.searchByNhsNumber());
        results.addAll(searches(tenant, "at " + tenant.preloaded + " patients", tenant.preloaded));
        for (int size : sizes) {
            long start = System.nanoTime();
            long before = loaded.get();
            load(tenant.name, loaded, size);
            String load = String.format(Locale.ROOT, "%d → %d patients at %.0f patients/s (%d loaders, bundles of %d)",
                    before, loaded.get(), (loaded.get() - before) / ((System.nanoTime() - start) / 1e9), LOADERS,
                    BUNDLE);
            loads.add(load);
            System.out.println(tenant.name + ": " + load);
            settle();
            results.addAll(searches(tenant, "at " + size + " patients", (int) loaded.get()));
        }
        return results;
    }

    /** Adds clinics up to {@code count}, then searches the first again, which holds {@code firstSize} patients. */
    public List<RunResult> tenants(BenchTenant first, int firstSize, int count, int patientsEach) throws Exception {
        long start = System.nanoTime();
        for (int i = 1; i < count; i++) {
            BenchTenant.create(fhir, first.name + "-t" + i, patientsEach, false);
        }
        String load = String.format(Locale.ROOT, "%d clinics of %d patients added in %.0f s", count - 1, patientsEach,
                (System.nanoTime() - start) / 1e9);
        loads.add(load);
        System.out.println(load);
        return searches(first, "at " + firstSize + " patients, " + count + " clinics", firstSize);
    }

    /** What each load added and how fast, for the report. */
    public List<String> loads() {
        return List.copyOf(loads);
    }

    private void settle() throws Exception {
        if (analyze == null) {
            Thread.sleep(SETTLE.toMillis());
        } else {
            analyze.awaitAnalyzed();
        }
    }

    private List<RunResult> searches(BenchTenant tenant, String label, int patients) throws Exception {
        BenchTenant view = tenant.withPatients(patients);
        Scenarios scenarios = new Scenarios(fhir, view);
        List<RunResult> results = new ArrayList<>();
        for (int clients : searchClients) {
            results.add(runner.run("search-family-birthdate " + label, "searches", 1, clients,
                    Duration.ZERO, scenarios.searchByFamilyAndBirthDate()));
            results.add(runner.run("search-nhs-number " + label, "searches", 1, clients,
                    Duration.ZERO, scenarios.searchByNhsNumber()));
        }
        results.forEach(r -> System.out.printf(Locale.ROOT, "%-48s %3d clients: %8.1f/s  p95 %7.1f ms%n",
                r.scenario(), r.clients(), r.perSecond(), r.p95Ms()));
        return results;
    }

    private void load(String tenant, AtomicLong loaded, int target) throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int l = 0; l < LOADERS; l++) {
                work.add(loaders.submit(() -> {
                    while (true) {
                        long from = loaded.getAndAdd(BUNDLE);
                        if (from >= target) {
                            loaded.addAndGet(-BUNDLE);
                            return null;
                        }
                        List<String> entries = new ArrayList<>();
                        for (long i = from; i < Math.min(target, from + BUNDLE); i++) {
                            entries.add(TestPatients.json(i, TestPatients.nhsNumber(i)));
                        }
                        fhir.post("/" + tenant, BenchTenant.bundle(entries));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            loaders.shutdown();
        }
        loaded.set(Math.max(loaded.get(), target));
    }
}
