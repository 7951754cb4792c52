package io.smsconversations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its built jar ({@code target/quarkus-app/quarkus-run.jar}) as a separate JVM, the way it
 * runs in production, for tests that need several processes (the end-to-end test, replicas of one service). Its log
 * goes to {@code target/process-logs/<name>.log} of the jar's module.
 * <p>
 * It can be {@link #kill killed} ({@code kill -9}: no shutdown hook, no graceful drain, as a node failure or the OOM
 * killer ends a pod) and {@link #restart restarted} with the same command line, port and environment, as Kubernetes
 * restarts a container; the log of every run is appended to the same file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final String name;
    private final int port;
    private final Path log;
    private final Map<String, String> config;
    private final Map<String, String> environment;
    private volatile Process process;

    private ServiceProcess(Path jar, String name, int port, Path log, Map<String, String> config,
            Map<String, String> environment) {
        this.jar = jar;
        this.name = name;
        this.port = port;
        this.log = log;
        this.config = new LinkedHashMap<>(config);
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param config system properties for the service (its Quarkus configuration)
     */
    public static ServiceProcess start(Path jar, String name, int port, Map<String, String> config) {
        return start(jar, name, port, config, Map.of());
    }

    /**
     * @param config      system properties for the service (its Quarkus configuration)
     * @param environment environment variables added to this JVM's, as a Deployment's {@code env} sets them
     */
    public static ServiceProcess start(Path jar, String name, int port, Map<String, String> config,
            Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (./mvnw verify from the "
                    + "repository root builds every jar before the tests that start them)");
        }
        try {
            Path logDir = Files.createDirectories(jar.toAbsolutePath().getParent().getParent().resolve("process-logs"));
            ServiceProcess service = new ServiceProcess(jar, name, port, logDir.resolve(name + ".log"), config,
                    environment);
            service.launch(false);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * {@code kill -9}: the JVM ends at once, without shutdown hooks, open requests cut, nothing flushed or
     * acknowledged. Returns once the process is gone.
     */
    public synchronized void kill() {
        Process running = process;
        // On Linux destroyForcibly() is SIGKILL.
        running.destroyForcibly();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + running.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service again (after {@link #kill}) with the same port, configuration and environment. */
    public void restart() {
        restart(Map.of());
    }

    /**
     * Stops the service if it runs (SIGTERM, as {@link #close}) and starts it again with the same port and
     * environment and its configuration changed by {@code changes}, which later restarts keep.
     */
    public synchronized void restart(Map<String, String> changes) {
        if (process.isAlive()) {
            close();
        }
        config.putAll(changes);
        launch(true);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private synchronized void launch(boolean appendLog) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** The process' log so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service answers UP on its readiness endpoint (Kafka and its database reachable). */
    public void awaitReady(Duration timeout) {
        Process process = this.process;
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; log: " + log);
    }

    @Override
    public synchronized void close() {
        Process process = this.process;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
