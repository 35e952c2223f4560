package health.cura.fhir.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one PostgreSQL the tests of a JVM share: the database at {@code CURA_TEST_DB_URL} when set (with
 * {@code CURA_TEST_DB_USER} / {@code CURA_TEST_DB_PASSWORD}), else a Testcontainers PostgreSQL where Docker runs, else an
 * embedded PostgreSQL (real binaries from Maven Central) in a temporary directory.
 */
public final class TestDatabase {

    /** Where the tests' database is and how to sign in. */
    public record Address(String url, String username, String password) {}

    private static final Address SHARED = start();

    private TestDatabase() {}

    public static Address shared() {
        return SHARED;
    }

    private static Address start() {
        String url = System.getenv("CURA_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Address(url, env("CURA_TEST_DB_USER", "postgres"), env("CURA_TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            return new Address(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return startEmbedded();
    }

    /** A fresh embedded cluster in a temporary directory, removed when the JVM exits. */
    private static Address startEmbedded() {
        try {
            Path directory = Files.createTempDirectory("cura-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary directory goes with the OS's clean-up
                }
            }));
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                    var statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE cura_test");
            }
            return new Address(postgres.getJdbcUrl("postgres", "cura_test"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded test database", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
