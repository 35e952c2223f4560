package health.cura.fhir.support;

import health.cura.fhir.CuraFhirServerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Another server, in a JVM of its own, on the tests' database: for what only separate processes show (two nodes
 * sharing the change log, a process killed with {@code kill -9}). Its output goes to a file, named when it fails to
 * start.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(3);

    private final Process process;
    private final Path output;
    private final int port;

    private ServerProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts a server on the shared test database, with the given settings (those of the shared server, so that it
     * stores the same definitions) and waits until its health is UP.
     */
    public static ServerProcess start(java.util.Map<String, String> settings) {
        TestDatabase.Address db = TestDatabase.shared();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), CuraFhirServerApplication.class.getName(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Path output = Files.createTempFile("cura-server-process", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            ServerProcess server = new ServerProcess(process, output, port);
            server.awaitUp();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp() {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Eventually.await(START, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the server process ended (exit " + process.exitValue() + "); see "
                            + output);
                }
                try {
                    HttpResponse<Void> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return health.statusCode() == 200 ? Optional.of(true) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + " (server output: " + output + ")", e);
        }
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hook, no transaction finished. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Its HTTP port on localhost. */
    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
