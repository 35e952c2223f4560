package health.cura.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One server's results, kept between the runs of one benchmark: the plain HAPI yardstick runs first, on the same
 * database, and the Cura run's report divides its figures by these. Tab-separated, one result per line.
 */
final class ResultsFile {

    private ResultsFile() {}

    static void write(Path file, List<RunResult> results) throws IOException {
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            lines.add(String.join("\t", r.scenario(), r.unit(), Integer.toString(r.clients()),
                    Long.toString(r.operations()), Long.toString(r.errors()), number(r.perSecond()), number(r.p50Ms()),
                    number(r.p95Ms()), number(r.p99Ms()), number(r.serverCores()), number(r.databaseCores()),
                    Long.toString(r.serverRssMb())));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    static List<RunResult> read(Path file) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            results.add(new RunResult(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                    Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                    Long.parseLong(f[11]), Map.of()));
        }
        return results;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
