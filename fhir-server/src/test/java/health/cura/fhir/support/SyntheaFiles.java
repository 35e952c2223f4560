package health.cura.fhir.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Synthea transaction bundles the {@code synthea-data} module generates, in the order Synthea loads them. */
public final class SyntheaFiles {

    private SyntheaFiles() {
    }

    /** The hospitals' and practitioners' bundles first (the patients' bundles refer to them), then the patients'. */
    public static List<Path> inLoadOrder() {
        List<Path> files = all();
        List<Path> ordered = new ArrayList<>();
        for (String prefix : List.of("hospitalInformation", "practitionerInformation")) {
            files.stream().filter(f -> f.getFileName().toString().startsWith(prefix)).forEach(ordered::add);
        }
        files.stream().filter(f -> !ordered.contains(f)).forEach(ordered::add);
        return ordered;
    }

    private static List<Path> all() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path output = dir.resolve("synthea-data/target/synthea/fhir");
            if (Files.isDirectory(output)) {
                try (Stream<Path> files = Files.list(output)) {
                    return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("No Synthea output: build the synthea-data module first (./mvnw verify does)");
    }
}
