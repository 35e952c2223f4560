package health.cura.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a report's chart again from its Markdown table, for a report whose chart was drawn by an older harness:
 * {@code java -cp ... health.cura.bench.Rechart bench/reports/growth-100k/2026-12-01.md}.
 */
public final class Rechart {

    private Rechart() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        List<RunResult> results = new ArrayList<>();
        boolean inResults = false;
        for (String line : Files.readAllLines(report)) {
            if (line.startsWith("| scenario | clients | per second")) {
                inResults = true;
            } else if (inResults && line.startsWith("| ") && !line.startsWith("|---")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
                results.add(new RunResult(cells[0], cells[3], Integer.parseInt(cells[1]), 0, 0,
                        Double.parseDouble(cells[2]), Double.parseDouble(cells[4]), Double.parseDouble(cells[5]),
                        Double.parseDouble(cells[6]), 0, 0, 0, Map.of()));
            } else if (inResults && !line.startsWith("|")) {
                break;
            }
        }
        String name = report.getFileName().toString().replaceFirst("\\.md$", "");
        Chart.write(results, "Cura FHIR server benchmark " + name, report.resolveSibling(name + ".png"));
        System.out.println("Chart: " + report.resolveSibling(name + ".png") + " (" + results.size() + " rows)");
    }
}
