package io.smsconversations.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.smsconversations.testing.FreePorts;

/**
 * A real Keycloak (the official distribution, unpacked by the build into target/) in dev mode on free ports, with the
 * local run's realm imported, so the seller console signs in exactly as it does in {@code ./sms up}. The realm's
 * console client is pointed at the test's console origin; everything else is the realm as committed.
 */
final class Keycloak implements AutoCloseable {

    static final String REALM = "sms-conversations";
    /** The console client's origin in the committed realm (the local run's port). */
    private static final String LOCAL_CONSOLE_ORIGIN = "http://localhost:8085";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Path log;
    private final Process process;

    private Keycloak(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static Keycloak start(Path repositoryRoot, String consoleOrigin) {
        Path home = Path.of(System.getProperty("sms.keycloak.home", "target/keycloak"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + " has no Keycloak: the build unpacks it in pre-integration-test "
                    + "(run ./mvnw verify, or -pl end-to-end-tests -am verify)");
        }
        int port = FreePorts.next();
        int management = FreePorts.next();
        try {
            // A fresh database each run: an existing realm is not imported again.
            deleteRecursively(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            String realm = Files.readString(repositoryRoot.resolve("local-run/" + REALM + "-realm.json"))
                    .replace(LOCAL_CONSOLE_ORIGIN, consoleOrigin);
            Files.writeString(imports.resolve(REALM + "-realm.json"), realm);
            Path log = Files.createDirectories(home.getParent().resolve("process-logs")).resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + management, "--import-realm",
                    "--hostname=http://localhost:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            return new Keycloak(port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    /** The realm's issuer, as the browser, the tokens and the services all name it. */
    String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    /** Waits until the realm answers its discovery document (imported and serving). */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak not ready within " + timeout + "; log: " + log);
    }

    @Override
    public void close() {
        // kc.sh starts the server JVM as its child: stop both.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
