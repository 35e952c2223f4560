package health.cura.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Markdown report: settings, then one row per scenario and client count with its ratio to the JDBC yardstick and,
 * when the plain HAPI yardstick ran, to plain HAPI's figure at the same client count.
 */
public final class Report {

    public static final String YARDSTICK = "jdbc-insert-1-row";

    private Report() {}

    public static String markdown(List<RunResult> results, Map<String, String> settings, List<String> notes,
            List<RunResult> plainHapi) {
        Map<Integer, Double> yardstick = results.stream()
                .filter(r -> r.scenario().equals(YARDSTICK))
                .collect(Collectors.toMap(RunResult::clients, RunResult::perSecond, (a, b) -> a));
        Map<String, Double> plain = plainHapi.stream()
                .collect(Collectors.toMap(Report::key, RunResult::perSecond, (a, b) -> a));
        StringBuilder md = new StringBuilder();
        md.append("| setting | value |\n|---|---|\n");
        settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
        md.append("| scenario | clients | per second | unit | p50 ms | p95 ms | p99 ms | errors | ÷ plain HAPI | "
                + "÷ JDBC 1 row | server CPU (cores) | PostgreSQL CPU (cores) | server RSS MB |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f | %s | %.1f | %.1f | %.1f | %s | %s | %s | %.2f | %.2f | %d |\n",
                    r.scenario(), r.clients(), r.perSecond(), r.unit(), r.p50Ms(), r.p95Ms(), r.p99Ms(),
                    r.describeErrors(), ratio(r.perSecond(), plain.get(key(r))),
                    jdbcRatio(r.perSecond(), yardstick.get(r.clients())), r.serverCores(), r.databaseCores(),
                    r.serverRssMb()));
        }
        if (!plainHapi.isEmpty()) {
            md.append(againstPlainHapi(results, plain)).append(plainHapiTable(plainHapi));
        }
        return md.toString();
    }

    /** Cura's rate over plain HAPI's, one row per scenario and one column per client count. */
    private static String againstPlainHapi(List<RunResult> results, Map<String, Double> plain) {
        TreeSet<Integer> levels = results.stream().filter(r -> plain.containsKey(key(r))).map(RunResult::clients)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, Map<Integer, String>> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            Double theirs = plain.get(key(r));
            if (theirs != null) {
                rows.computeIfAbsent(r.scenario(), s -> new LinkedHashMap<>()).put(r.clients(),
                        ratio(r.perSecond(), theirs));
            }
        }
        StringBuilder md = new StringBuilder("\n## Cura ÷ plain HAPI\n\nCura's rate divided by plain HAPI's, the same "
                + "scenario at the same number of clients on the same PostgreSQL (1.0: as fast).\n\n| scenario |");
        levels.forEach(level -> md.append(' ').append(level).append(level == 1 ? " client |" : " clients |"));
        md.append("\n|---|").append("---:|".repeat(levels.size())).append('\n');
        rows.forEach((scenario, ratios) -> {
            md.append("| ").append(scenario).append(" |");
            levels.forEach(level -> md.append(' ').append(ratios.getOrDefault(level, "")).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    private static String plainHapiTable(List<RunResult> plainHapi) {
        StringBuilder md = new StringBuilder("\n## Plain HAPI, the same scenarios\n\n| scenario | clients | per second "
                + "| unit | p50 ms | p95 ms | p99 ms | errors | server CPU (cores) | PostgreSQL CPU (cores) | "
                + "server RSS MB |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : plainHapi) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %d |\n",
                    r.scenario(), r.clients(), r.perSecond(), r.unit(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.errors(),
                    r.serverCores(), r.databaseCores(), r.serverRssMb()));
        }
        return md.toString();
    }

    private static String key(RunResult r) {
        return r.scenario() + "@" + r.clients();
    }

    private static String ratio(double ours, Double theirs) {
        return theirs == null || theirs == 0 ? "" : String.format(Locale.ROOT, "%.2f", ours / theirs);
    }

    /** A server's rate is a hundredth of the database's or less: three decimals. */
    private static String jdbcRatio(double ours, Double limit) {
        return limit == null || limit == 0 ? "" : String.format(Locale.ROOT, "%.3f", ours / limit);
    }

    public static void write(Path file, String title, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + title + "\n\n" + body);
    }
}
