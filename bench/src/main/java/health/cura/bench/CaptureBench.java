package health.cura.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Change capture, as a clinic's other software meets it: rows written by plain JDBC into {@code patients}, at a
 * steady rate, and how long each takes to become a FHIR resource (lag: from the writer's commit to the commit that
 * links the row to its Patient, seen by polling the link table every 5 ms); then a backfill of rows written where no
 * trigger saw them (patients, appointments, prescriptions in the proportions 1 : 3 : 1), rows per second. The server's
 * CPU per applied change comes from {@code /proc}.
 */
final class CaptureBench {

    private static final long POLL_MILLIS = 5;
    private static final java.util.regex.Pattern FINISHED = java.util.regex.Pattern.compile(
            "\"backfillRunning\"\\s*,\\s*\"valueBoolean\"\\s*:\\s*false");

    private final String jdbc;
    private final String user;
    private final String password;
    private final int organizationId;
    private final ProcessStats stats;
    private final FhirHttp fhir;

    CaptureBench(String jdbc, String user, String password, int organizationId, ProcessStats stats, FhirHttp fhir) {
        this.jdbc = jdbc;
        this.user = user;
        this.password = password;
        this.organizationId = organizationId;
        this.stats = stats;
        this.fhir = fhir;
    }

    /** One rate's lag. */
    record Lag(int perSecond, long written, long applied, double p50Ms, double p95Ms, double p99Ms, double maxMs,
            double serverCpuMsPerChange, double appliedPerSecond) {

        String row() {
            return String.format(Locale.ROOT, "| %d | %,d | %,d | %.0f | %.0f | %.0f | %.0f | %.1f | %.0f |",
                    perSecond, written, applied, p50Ms, p95Ms, p99Ms, maxMs, serverCpuMsPerChange, appliedPerSecond);
        }
    }

    /** Inserts patients rows at {@code perSecond} for {@code seconds}, then waits (at most two minutes) for all. */
    Lag lag(int perSecond, Duration seconds) throws Exception {
        Map<Integer, Long> committed = new ConcurrentHashMap<>();
        Map<Integer, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        int writers = Math.max(1, Math.min(8, perSecond / 100));
        long intervalNanos = 1_000_000_000L * writers / perSecond;
        double cpuBefore = stats.serverCpuSeconds();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        int firstRow = maxRow();
        pool.submit(() -> watch(firstRow, seen, writing));
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writes.add(pool.submit(() -> {
                try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO patients (organization_id, patient_id, first_name, last_name) "
                                + "VALUES (?, ?, 'Captured', ?) RETURNING id")) {
                    long next = System.nanoTime();
                    while (System.nanoTime() - start < seconds.toNanos()) {
                        long n = sequence.incrementAndGet();
                        insert.setInt(1, organizationId);
                        insert.setString(2, "C" + perSecond + "-" + n + "-" + start % 100_000);
                        insert.setString(3, "Lag" + n);
                        try (ResultSet rs = insert.executeQuery()) {
                            rs.next();
                            committed.put(rs.getInt(1), System.nanoTime());
                        }
                        next += intervalNanos;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                    }
                }
                return null;
            }));
        }
        for (var write : writes) {
            write.get();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!committed.keySet().stream().allMatch(seen::containsKey) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long end = System.nanoTime();
        writing.set(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        double cpu = stats.serverCpuSeconds() - cpuBefore;
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        long latestSeen = start;
        long applied = 0;
        for (Map.Entry<Integer, Long> row : committed.entrySet()) {
            Long at = seen.get(row.getKey());
            applied += at == null ? 0 : 1;
            if (at != null) {
                histogram.recordValue(Math.max(0, (at - row.getValue()) / 1_000));
                latestSeen = Math.max(latestSeen, at);
            }
        }
        double appliedSeconds = Math.max(1e-3, (latestSeen - start) / 1e9);
        return new Lag(perSecond, committed.size(), applied, histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(95) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getMaxValue() / 1e3, applied == 0 ? 0 : cpu * 1e3 / applied, applied / appliedSeconds);
    }

    private void watch(int firstRow, Map<Integer, Long> seen, AtomicBoolean writing) {
        int after = firstRow;
        try (Connection connection = connect(); PreparedStatement links = connection.prepareStatement(
                "SELECT row_id FROM fhir_resource_links WHERE organization_id = ? AND table_name = 'patients' "
                        + "AND resource_type = 'Patient' AND row_id > ?")) {
            while (writing.get()) {
                links.setInt(1, organizationId);
                links.setInt(2, after);
                long now = System.nanoTime();
                try (ResultSet rs = links.executeQuery()) {
                    while (rs.next()) {
                        // before the writer has noted its commit, at times: counted as no lag
                        seen.putIfAbsent(rs.getInt(1), now);
                    }
                }
                // ids come from one sequence: below the first one not seen yet, every row is settled
                while (seen.containsKey(after + 1)) {
                    after++;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private int maxRow() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT coalesce(max(id), 0) FROM patients")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A backfill's rate and the server's CPU per row. */
    record BackfillRate(long rows, double seconds, double rowsPerSecond, double serverCpuMsPerRow) {}

    /**
     * Writes {@code patients} patients with three appointments and one prescription each where no trigger sees them
     * (as rows written while no server ran), then backfills them through {@code $capture-backfill} and waits.
     */
    BackfillRate backfill(int patients) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT set_config('cura.origin', 'server', true)");
            String tag = Long.toString(System.currentTimeMillis() % 1_000_000);
            statement.execute("INSERT INTO users (organization_id, email, username, password_hash, first_name, "
                    + "last_name, role) SELECT " + organizationId + ", 'dr' || n || '-" + tag + "@bench.test', 'dr"
                    + tag + "-' || n, '!', 'Bench', 'Doctor' || n, 'doctor' FROM generate_series(1, 20) n");
            statement.execute("INSERT INTO patients (organization_id, patient_id, first_name, last_name, "
                    + "date_of_birth, gender_at_birth) SELECT " + organizationId + ", 'B" + tag + "-' || n, 'Back', "
                    + "'Filled' || n, date '1950-01-01' + (n % 20000), CASE WHEN n % 2 = 0 THEN 'female' ELSE "
                    + "'male' END FROM generate_series(1, " + patients + ") n");
            statement.execute("CREATE TEMP TABLE bench_patients ON COMMIT DROP AS SELECT id, row_number() OVER "
                    + "(ORDER BY id) AS n FROM patients WHERE patient_id LIKE 'B" + tag + "-%'");
            statement.execute("CREATE TEMP TABLE bench_doctors ON COMMIT DROP AS SELECT id, row_number() OVER "
                    + "(ORDER BY id) - 1 AS n FROM users WHERE username LIKE 'dr" + tag + "-%'");
            statement.execute("INSERT INTO appointments (organization_id, patient_id, provider_id, title, "
                    + "scheduled_at, duration, status, type) SELECT " + organizationId + ", p.id, d.id, "
                    + "'Review', timestamp '2027-01-04 09:00' + (p.n * 3 + k) * interval '20 minutes', 20, "
                    + "'scheduled', 'follow_up' FROM bench_patients p CROSS JOIN generate_series(0, 2) k "
                    + "JOIN bench_doctors d ON d.n = (p.n + k) % 20");
            statement.execute("INSERT INTO prescriptions (organization_id, patient_id, doctor_id, "
                    + "prescription_number, medication_name, dosage, frequency, duration, quantity, status) SELECT "
                    + organizationId + ", p.id, d.id, 'RXB" + tag + "-' || p.n, 'Amoxicillin 500mg capsules', "
                    + "'500mg', 'three times a day', '7 days', 21, 'active' FROM bench_patients p "
                    + "JOIN bench_doctors d ON d.n = p.n % 20");
            connection.commit();
        }
        long rows = 20L + patients * 5L;
        double cpuBefore = stats.serverCpuSeconds();
        long start = System.nanoTime();
        fhir.post("/DEFAULT/$capture-backfill", "{\"resourceType\":\"Parameters\"}");
        while (true) {
            Thread.sleep(1_000);
            String status = fhir.get("/DEFAULT/$capture-status");
            if (FINISHED.matcher(status).find()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = stats.serverCpuSeconds() - cpuBefore;
        return new BackfillRate(rows, seconds, rows / seconds, cpu * 1e3 / rows);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc, user, password);
    }
}
