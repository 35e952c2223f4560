package health.cura.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's PostgreSQL, which every server of a run uses in turn (Cura in database {@code cura}, the plain HAPI
 * yardstick in {@code plain}): the same binaries as the Cura server's embedded database, durable as it is (fsync, full
 * page writes and synchronous commit on). Runs until the process is stopped; {@code bench/run} starts and stops it.
 *
 * <p>Arguments: the data directory (emptied first) and the port.
 */
public final class BenchDatabase {

    private BenchDatabase() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        // initdb needs an empty directory: each run starts from no data
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // after the library's own -F (no fsync) on the command line, so these win
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE cura ENCODING 'UTF8'");
            statement.execute("CREATE DATABASE plain ENCODING 'UTF8'");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
            stopped.countDown();
        }));
        System.out.println("PostgreSQL ready on port " + port + ", data in " + data.toAbsolutePath());
        stopped.await();
    }
}
