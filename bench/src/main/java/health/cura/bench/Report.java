package health.cura.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report: settings, then one table per scenario with its ratio to the JDBC yardstick. */
public final class Report {

    public static final String YARDSTICK = "jdbc-insert-1-row";

    private Report() {}

    public static String markdown(List<RunResult> results, Map<String, String> settings, List<String> notes) {
        Map<Integer, Double> yardstick = results.stream()
                .filter(r -> r.scenario().equals(YARDSTICK))
                .collect(Collectors.toMap(RunResult::clients, RunResult::perSecond, (a, b) -> a));
        StringBuilder md = new StringBuilder();
        md.append("| setting | value |\n|---|---|\n");
        settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
        md.append("| scenario | clients | per second | unit | p50 ms | p95 ms | p99 ms | errors | ÷ JDBC 1 row | "
                + "server CPU (cores) | PostgreSQL CPU (cores) | server RSS MB |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            Double limit = yardstick.get(r.clients());
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f | %s | %.1f | %.1f | %.1f | %s | %s | %.2f | %.2f | %d |\n",
                    r.scenario(), r.clients(), r.perSecond(), r.unit(), r.p50Ms(), r.p95Ms(), r.p99Ms(),
                    r.describeErrors(),
                    limit == null || limit == 0 ? "" : String.format(Locale.ROOT, "%.3f", r.perSecond() / limit),
                    r.serverCores(), r.databaseCores(), r.serverRssMb()));
        }
        return md.toString();
    }

    public static void write(Path file, String title, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + title + "\n\n" + body);
    }
}
