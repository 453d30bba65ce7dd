package org.opencity.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The backend as a separate operating-system process started through {@code Main}, exactly as
 * an operator starts it, with a chosen environment. Used to test start-up, configuration errors,
 * signals and crashes.
 */
public final class BackendProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BackendProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts {@code Main} with this environment (added to a minimal one) on the given port. */
    public static BackendProcess start(Map<String, String> env, int port) {
        try {
            Path output = Files.createTempFile("opencity-process", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                                                           "org.opencity.backend.Main"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.equals("DEMO") || k.equals("DATA_DIR") || k.equals("PHOTO_DIR")
                    || k.startsWith("FIREBASE_") || k.startsWith("APNS_") || k.equals("GOOGLE_APPLICATION_CREDENTIALS")
                    || k.equals("PORT") || k.equals("CONFIG_FILE") || k.equals("HOST")
                    || k.equals("METRICS_TOKEN"));
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().putAll(env);
            return new BackendProcess(builder.start(), output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Waits until {@code /observe/health} answers UP; fails with the process output otherwise. */
    public BackendProcess awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("backend exited with " + process.exitValue() + ":\n" + output());
            }
            if (get("/observe/health").map(r -> r.statusCode() == 200 && r.body().contains("\"UP\"")).orElse(false)) {
                return this;
            }
            sleep(200);
        }
        throw new AssertionError("backend not healthy within " + timeout + ":\n" + output());
    }

    public java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                           .timeout(Duration.ofSeconds(5)).build(),
                                                   HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Waits for the process to end by itself; answers its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("backend still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a service manager stops it; answers the exit status. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
