package health.cura.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the scenarios against a running server and writes the report. Started by {@code bench/run}, which also starts
 * the server; arguments are {@code --name value} pairs (see {@code bench/README.md}).
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String base = options.getOrDefault("base", "http://localhost:18080/fhir");
        int[] clientLevels = Arrays.stream(options.getOrDefault("clients", "1,4,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "20")));
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "15")));
        int preload = Integer.parseInt(options.getOrDefault("preload", "10000"));
        // the plain HAPI yardstick: no tokens, no clinics, no audit, no JDBC yardstick; its results go to a file
        boolean plainHapi = Boolean.parseBoolean(options.getOrDefault("plain", "false"));
        Set<String> only = options.containsKey("only") ? Set.of(options.get("only").split(",")) : null;
        Path out = Path.of(options.getOrDefault("out", "bench/reports"));

        BenchAccess access = plainHapi ? null : access(options, base);
        FhirHttp fhir = new FhirHttp(base, access);
        ProcessStats stats = new ProcessStats(Long.parseLong(options.getOrDefault("server-pid", "0")),
                options.getOrDefault("database-marker", ""));
        String tenantName = plainHapi ? "plain" : "bench-" + System.currentTimeMillis();
        long loadStart = System.nanoTime();
        BenchTenant tenant = plainHapi ? BenchTenant.load(fhir, tenantName, preload)
                : BenchTenant.create(fhir, tenantName, preload, "limits".equals(options.get("plan")));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(Locale.ROOT, "Tenant %s: %d patients, 200 appointments loaded in %.1f s%n",
                tenantName, preload, loadSeconds);

        Scenarios scenarios = new Scenarios(fhir, tenant);
        BillingScenarios billing = new BillingScenarios(fhir, tenant);
        LoadRunner runner = new LoadRunner(warmUp, measured, stats);
        List<RunResult> results = new ArrayList<>();
        Map<String, Scenario> plan = new LinkedHashMap<>();
        plan.put("create-patient", new Scenario("Patient", 1, c -> scenarios.createPatient()));
        plan.put("read-patient", new Scenario("reads", 1, c -> scenarios.readPatient()));
        plan.put("search-family-birthdate", new Scenario("searches", 1, c -> scenarios.searchByFamilyAndBirthDate()));
        plan.put("search-nhs-number", new Scenario("searches", 1, c -> scenarios.searchByNhsNumber()));
        plan.put("clinic-day", new Scenario("requests", 1, c -> scenarios.clinicDay()));
        // a clinic's records loaded from another system, two loaders at once, whatever the run's client counts
        plan.put("seed-100-patients", new Scenario("patients", 100, Duration.ZERO, new int[] {2},
                c -> scenarios.seedPatients(100)));
        plan.put("create-invoice", new Scenario("invoices", 1, c -> billing.createInvoice()));
        if (!plainHapi) {
            plan.put("record-payment", new Scenario("payments", 1, c -> billing.recordPayment()));
            plan.put("generate-invoice", new Scenario("invoices", 1, c -> billing.generateInvoice()));
            if (only == null || only.contains("record-payment")) {
                billing.prepare(200);
            }
            InventoryScenarios inventory = new InventoryScenarios(fhir, tenant);
            plan.put("dispense-hot-item", new Scenario("dispenses", 1, c -> inventory.dispenseHotItem()));
            plan.put("dispense-many-items", new Scenario("dispenses", 1, c -> inventory.dispenseManyItems()));
            if (only == null || only.contains("dispense-hot-item") || only.contains("dispense-many-items")) {
                inventory.prepare(200);
            }
        }
        String synthea = options.get("synthea");
        if (synthea != null && Files.isDirectory(Path.of(synthea))) {
            List<String> bundles = Scenarios.syntheaBundles(fhir, tenantName, Path.of(synthea));
            int average = (int) Math.round(bundles.stream().mapToInt(Scenarios::resourcesIn).average().orElse(0));
            // a Synthea patient's bundle holds hundreds of resources and takes seconds: measure a minute at least
            plan.put("synthea-bundle", new Scenario("resources", average, Duration.ofSeconds(60), null,
                    c -> scenarios.postBundles(bundles)));
        }
        String jdbc = plainHapi ? null : options.get("jdbc");
        // PostgreSQL allows 100 connections and the server's pool holds 20: each level's connections are closed after it
        List<Yardstick> openYardsticks = new ArrayList<>();
        if (jdbc != null) {
            String user = options.getOrDefault("jdbc-user", "postgres");
            String password = options.getOrDefault("jdbc-password", "");
            int organizationId = Yardstick.organizationId(jdbc, user, password, tenantName);
            AtomicLong rowNumbers = new AtomicLong();
            OperationFactory single = clients -> open(openYardsticks,
                    new Yardstick(jdbc, user, password, clients, organizationId, rowNumbers)).singleRow();
            OperationFactory batch = clients -> open(openYardsticks,
                    new Yardstick(jdbc, user, password, clients, organizationId, rowNumbers)).batch(100);
            plan.put(Report.YARDSTICK, new Scenario("rows", 1, single));
            plan.put("jdbc-insert-batch-100", new Scenario("rows", 100, batch));
        }

        Duration serverWarmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("server-warmup", "180")));
        warmUpServer(plan, only, serverWarmUp, stats);

        List<String> auditRows = new ArrayList<>();
        for (Map.Entry<String, Scenario> entry : plan.entrySet()) {
            if (only != null && !only.contains(entry.getKey())) {
                continue;
            }
            Scenario scenario = entry.getValue();
            for (int clients : scenario.levels() == null ? clientLevels : scenario.levels()) {
                Optional<AuditCost> auditBefore = plainHapi ? Optional.empty()
                        : AuditCost.snapshot(base, access.tokenFor("DEFAULT"));
                RunResult result = runner.run(entry.getKey(), scenario.unit(), scenario.unitsPerOperation(), clients,
                        scenario.minimumMeasured(), scenario.operation().forClients(clients));
                for (Yardstick yardstick : openYardsticks) {
                    yardstick.close();
                }
                openYardsticks.clear();
                results.add(result);
                auditBefore.flatMap(before -> AuditCost.snapshot(base, access.tokenFor("DEFAULT"))
                                .map(after -> after.since(before)))
                        .filter(cost -> cost.reads() + cost.writes() > 0)
                        .ifPresent(cost -> auditRows.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %s | %,.0f | %s |",
                                result.scenario(), clients, cost.reads(), cost.msPerRead(), cost.writes(),
                                cost.msPerWrite())));
                System.out.printf(Locale.ROOT, "%-24s %3d clients: %9.1f %s/s  p50 %7.1f ms  p95 %7.1f ms  "
                                + "p99 %7.1f ms  errors %s  server %.2f cores  db %.2f cores  rss %d MB%n",
                        result.scenario(), clients, result.perSecond(), result.unit(), result.p50Ms(), result.p95Ms(),
                        result.p99Ms(), result.describeErrors(), result.serverCores(), result.databaseCores(),
                        result.serverRssMb());
            }
        }
        if (options.containsKey("results-out")) {
            ResultsFile.write(Path.of(options.get("results-out")), results);
        }
        if (plainHapi) {
            System.out.println("Plain HAPI results: " + options.getOrDefault("results-out", "(not kept)"));
            return;
        }
        List<RunResult> plainResults = options.containsKey("compare")
                ? ResultsFile.read(Path.of(options.get("compare"))) : List.of();
        String captureSection = "";
        if (jdbc != null && (options.containsKey("capture") || options.containsKey("backfill"))) {
            captureSection = capture(options, jdbc, tenantName, stats, fhir);
        }
        List<String> growthLoads = new ArrayList<>();
        if (options.containsKey("growth") || options.containsKey("tenants")) {
            AutoAnalyze analyze = jdbc == null ? null : new AutoAnalyze(jdbc,
                    options.getOrDefault("jdbc-user", "postgres"), options.getOrDefault("jdbc-password", ""));
            DataGrowth growth = new DataGrowth(fhir, runner, new int[] {1, 16}, analyze);
            int size = preload;
            if (options.containsKey("growth")) {
                int[] sizes = Arrays.stream(options.get("growth").split(",")).mapToInt(Integer::parseInt).toArray();
                results.addAll(growth.patients(tenant, sizes));
                size = Math.max(size, Arrays.stream(sizes).max().orElse(size));
            }
            if (options.containsKey("tenants")) {
                results.addAll(growth.tenants(tenant, size, Integer.parseInt(options.get("tenants")), 20));
            }
            growthLoads.addAll(growth.loads());
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("date", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16));
        settings.put("machine", options.getOrDefault("machine", Runtime.getRuntime().availableProcessors()
                + " cores"));
        settings.put("server", base);
        settings.put("server JVM flags", options.getOrDefault("jvm-flags", "(not given)"));
        if (jdbc != null) {
            settings.put("database durability", Yardstick.durability(jdbc,
                    options.getOrDefault("jdbc-user", "postgres"), options.getOrDefault("jdbc-password", "")));
        }
        settings.put("security", "on: every request carries a SMART backend-services token (system/*.cruds) of its"
                + " clinic; reads and writes of patient data are audited");
        settings.put("warm-up / measured per level", warmUp.toSeconds() + " s / " + measured.toSeconds() + " s, after "
                + serverWarmUp.toSeconds() + " s of every scenario at 4 clients, unmeasured");
        settings.put("clinic", preload + " patients, 200 appointments, loaded in "
                + String.format(Locale.ROOT, "%.1f s", loadSeconds));
        AuditCost.snapshot(base, access.tokenFor("DEFAULT"))
                .ifPresent(cost -> settings.put("audit cost (server's own timer), whole run", cost.describe()));
        if (!growthLoads.isEmpty()) {
            settings.put("data growth loads", String.join("; ", growthLoads));
        }
        settings.putAll(extraSettings(options));
        List<String> notes = List.of(
                "The load generator, the server and PostgreSQL share this machine's cores: figures include the "
                        + "generator's own cost, and runs on a shared machine vary; compare ratios, and run more than once.",
                "÷ JDBC 1 row: the scenario's rate divided by plain JDBC inserts of patients rows (one row per "
                        + "transaction) at the same number of clients on the same PostgreSQL.",
                "÷ plain HAPI: the scenario's rate divided by plain HAPI's (bench/plain-hapi: HAPI's JPA server with "
                        + "its default settings, no security, validation, projection or audit), measured just before "
                        + "on the same PostgreSQL with the same load, JVM flags and client counts.");
        String stamp = LocalDate.now().toString();
        Files.createDirectories(out);
        Path chart = out.resolve(stamp + ".png");
        Chart.write(results, "Cura FHIR server benchmark " + stamp, chart);
        Report.write(out.resolve(stamp + ".md"), "Benchmark " + stamp,
                Report.markdown(results, settings, notes, plainResults) + auditTable(auditRows) + captureSection
                        + "\n![throughput and latency](" + chart.getFileName() + ")\n");
        System.out.println("Report: " + out.resolve(stamp + ".md"));
    }

    /**
     * Runs every selected scenario at 4 clients, unmeasured, {@code total} split among them: a server of HAPI's size
     * is still compiling its hot paths minutes after it starts (read-patient at one client, four 40 s levels one after
     * the other: 89, 125, 162, 214 reads per second, the server's CPU falling from 1.34 to 0.70 cores), so without
     * this the first levels of a run measured the JIT compiler rather than the server.
     */
    private static void warmUpServer(Map<String, Scenario> plan, Set<String> only, Duration total,
            ProcessStats stats) throws Exception {
        List<Map.Entry<String, Scenario>> selected = plan.entrySet().stream()
                .filter(entry -> only == null || only.contains(entry.getKey()))
                // the JDBC yardstick warms no server
                .filter(entry -> !entry.getKey().startsWith("jdbc-")).toList();
        if (selected.isEmpty() || total.isZero()) {
            return;
        }
        Duration slice = total.dividedBy(selected.size());
        LoadRunner warmUp = new LoadRunner(slice, Duration.ofSeconds(1), stats);
        for (Map.Entry<String, Scenario> entry : selected) {
            Scenario scenario = entry.getValue();
            warmUp.run(entry.getKey(), scenario.unit(), scenario.unitsPerOperation(), 4, Duration.ZERO,
                    scenario.operation().forClients(4));
        }
        System.out.printf(Locale.ROOT, "Server warmed up: %d scenarios, %d s each at 4 clients%n", selected.size(),
                slice.toSeconds());
    }

    /** Change capture's lag at each rate and the backfill's rate ({@link CaptureBench}), as report sections. */
    private static String capture(Map<String, String> options, String jdbc, String tenantName, ProcessStats stats,
            FhirHttp fhir) throws Exception {
        String user = options.getOrDefault("jdbc-user", "postgres");
        String password = options.getOrDefault("jdbc-password", "");
        CaptureBench bench = new CaptureBench(jdbc, user, password,
                Yardstick.organizationId(jdbc, user, password, tenantName), stats, fhir);
        StringBuilder section = new StringBuilder();
        if (options.containsKey("capture")) {
            Duration seconds = Duration.ofSeconds(Long.parseLong(options.getOrDefault("capture-seconds", "20")));
            section.append("\n## Change capture: lag of rows inserted by JDBC\n\n").append("Each rate held for ")
                    .append(seconds.toSeconds()).append(" s; lag from the writer's commit to the commit linking the "
                            + "row to its new Patient (polled every 5 ms).\n\n")
                    .append("| changes/s | written | applied | p50 ms | p95 ms | p99 ms | max ms | server CPU ms per "
                            + "change | applied/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String rate : options.get("capture").split(",")) {
                CaptureBench.Lag lag = bench.lag(Integer.parseInt(rate), seconds);
                System.out.println("capture lag " + lag);
                section.append(lag.row()).append('\n');
            }
        }
        if (options.containsKey("backfill")) {
            int patients = Integer.parseInt(options.get("backfill"));
            CaptureBench.BackfillRate rate = bench.backfill(patients);
            System.out.println("backfill " + rate);
            section.append(String.format(Locale.ROOT, "%n## Backfill%n%n%,d patients, %,d appointments, %,d "
                    + "prescriptions and 20 staff written where no trigger saw them: %,d rows in %.0f s, %.0f rows/s, "
                    + "server CPU %.1f ms per row.%n", patients, patients * 3, patients, rate.rows(), rate.seconds(),
                    rate.rowsPerSecond(), rate.serverCpuMsPerRow()));
        }
        return section.toString();
    }

    /** The audit's own cost at each level (warm-up included), from the server's timer. */
    private static String auditTable(List<String> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        return "\n## Audit cost per level\n\n| scenario | clients | reads audited | ms per audited read "
                + "| writes audited | ms per audited write |\n|---|---:|---:|---:|---:|---:|\n"
                + String.join("\n", rows) + "\n";
    }

    private static Map<String, String> extraSettings(Map<String, String> options) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (options.containsKey("startup-seconds")) {
            extra.put("server start to healthy", options.get("startup-seconds") + " s");
        }
        if (options.containsKey("rss-at-rest-mb")) {
            extra.put("server RSS at rest, after start", options.get("rss-at-rest-mb") + " MB");
        }
        if (options.containsKey("plain-startup-seconds")) {
            extra.put("plain HAPI start to healthy", options.get("plain-startup-seconds") + " s");
        }
        if (options.containsKey("plain-rss-at-rest-mb")) {
            extra.put("plain HAPI RSS at rest, after start", options.get("plain-rss-at-rest-mb") + " MB");
        }
        return extra;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static BenchAccess access(Map<String, String> options, String base) throws Exception {
        String tokenEndpoint = options.getOrDefault("token-endpoint",
                URI.create(base).resolve("/oauth2/token").toString());
        if (!options.containsKey("platform-key")) {
            throw new IllegalArgumentException("--platform-key: the key file of the platform client the server trusts"
                    + " (bench/run makes one)");
        }
        return new BenchAccess(base, tokenEndpoint, options.getOrDefault("platform-client", "bench-platform"),
                SigningKey.load(Path.of(options.get("platform-key"))));
    }

    /**
     * A scenario: its unit, how many units one operation carries, its operation for a number of clients, and the
     * client counts it runs at when not the run's ({@code levels}, or null).
     */
    private record Scenario(String unit, int unitsPerOperation, Duration minimumMeasured, int[] levels,
            OperationFactory operation) {

        Scenario(String unit, int unitsPerOperation, OperationFactory operation) {
            this(unit, unitsPerOperation, Duration.ZERO, null, operation);
        }
    }

    @FunctionalInterface
    private interface OperationFactory {
        Operation forClients(int clients) throws Exception;
    }

    private static Yardstick open(List<Yardstick> open, Yardstick yardstick) {
        open.add(yardstick);
        return yardstick;
    }
}
