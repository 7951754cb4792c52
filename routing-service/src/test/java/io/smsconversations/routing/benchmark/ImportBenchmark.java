package io.smsconversations.routing.benchmark;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * A benchmark, not a test (see benchmarks.md): bulk import throughput of the built routing-service jar against a real
 * Kafka broker and PostgreSQL (the test infrastructure's, in this JVM). For each size and format it writes a body of
 * N records (one distinct mobile number each, every 10th also a business number; numbers in national format so each
 * one is normalised), POSTs it to {@code /api/admin/records/import} with its length declared, and measures
 * <ol>
 * <li>the import: request sent until the answer, i.e. every line read, checked, normalised, published to
 * {@code directory.records} and acknowledged by Kafka (acks=all);</li>
 * <li>the projection: request sent until the service's own {@code directory.records} consumer has stored every
 * record in PostgreSQL (polled with {@code count(*)} every 250 ms).</li>
 * </ol>
 * Arguments: sizes, comma-separated (default {@code 10000,100000}); formats (default {@code ndjson,csv}). With
 * {@code -Dbench.store=false} only the import is measured. Run from the module folder after {@code package}.
 */
public final class ImportBenchmark {

    /** {@code -Dbench.store=false}: measure the import only, not the projection catching up. */
    private static final boolean STORE = Boolean.parseBoolean(System.getProperty("bench.store", "true"));
    private static final Path JAR = Path.of(System.getProperty("routing.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> formats = List.of((args.length > 1 ? args[1] : "ndjson,csv").split(","));
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        oidcConfig.forEach(System::setProperty);
        ServiceDatabase db = infrastructure.postgres().database("routing_bench", true);
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/");
        config.put("quarkus.oidc.client-id", "quarkus-service-app");
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        config.put("quarkus.log.level", "WARN");
        try (ServiceProcess service = ServiceProcess.start(JAR, "import-benchmark", FreePorts.next(), config);
                Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            service.awaitReady(Duration.ofSeconds(120));
            System.out.printf("cores=%d, java=%s, service -Xmx256m, max-in-flight 128 (default)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            // Warm-up: the JIT, the producer's connections, the consumer's assignment.
            run(service, sql, 5_000, "ndjson", "warm-up", false);
            int round = 0;
            for (int size : sizes) {
                for (String format : formats) {
                    run(service, sql, size, format, "r" + (round++), true);
                }
            }
        } finally {
            oidc.stop();
        }
        System.exit(0); // the suite's broker and database threads
    }

    private static void run(ServiceProcess service, Connection sql, int size, String format, String prefix,
            boolean report) throws Exception {
        Path body = Files.createTempFile("routing-import-", "." + format);
        try {
            write(body, size, format, prefix);
            long before = count(sql);
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/admin/records/import"))
                    .header("Authorization", "Bearer " + TestTokens.admin("bench"))
                    .header("Content-Type", format.equals("csv") ? "text/csv" : "application/x-ndjson")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofFile(body))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (answer.statusCode() != 200 || !answer.body().contains("\"accepted\":" + size + ",")) {
                throw new IllegalStateException("import answered " + answer.statusCode() + ": " + answer.body());
            }
            long deadline = answered + Duration.ofMinutes(15).toNanos();
            while (STORE && count(sql) < before + size) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + (count(sql) - before) + " of " + size + " stored");
                }
                Thread.sleep(250);
            }
            long stored = System.nanoTime();
            if (report) {
                double importS = (answered - t0) / 1e9;
                double storeS = (stored - t0) / 1e9;
                System.out.printf("%-6s %,9d records, %,6.1f MB: import answered in %6.1f s = %,7.0f records/s%s%n",
                        format, size, Files.size(body) / 1e6, importS, size / importS, !STORE ? ""
                                : String.format("; all stored in %6.1f s = %,7.0f records/s", storeS, size / storeS));
            }
        } finally {
            Files.deleteIfExists(body);
        }
    }

    private static void write(Path file, int size, String format, String prefix) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write("id,type,name,ownerSellerId,active,modifiedOn,mobile,business\n");
            }
            for (int i = 0; i < size; i++) {
                String id = "bench-" + prefix + "-" + i;
                String mobile = national(prefix, i);
                String business = i % 10 == 0 ? national(prefix + "b", i) : null;
                String modified = "2026-11-01T00:00:00Z";
                if (format.equals("csv")) {
                    out.write(id + ",CONTACT,\"Contact " + i + "\",sam,true," + modified + "," + mobile + ","
                            + (business == null ? "" : business) + "\n");
                } else {
                    out.write("{\"id\":\"" + id + "\",\"type\":\"CONTACT\",\"name\":\"Contact " + i
                            + "\",\"owner\":{\"sellerId\":\"sam\"},\"active\":true,\"modifiedOn\":\"" + modified
                            + "\",\"phones\":[{\"kind\":\"MOBILE\",\"number\":\"" + mobile + "\"}"
                            + (business == null ? "" : ",{\"kind\":\"BUSINESS\",\"number\":\"" + business + "\"}")
                            + "]}\n");
                }
            }
        }
    }

    /** Area codes libphonenumber knows as valid, one per run and kind (distinct numbers across runs). */
    private static final List<Integer> AREAS = List.of(206, 425, 503, 415, 212, 312, 617, 303, 404, 512, 702, 713,
            602, 305, 619, 808);
    private static final Map<String, Integer> RUNS = new HashMap<>();

    /** A valid US number in national format, distinct per (run, i) up to a million per run. */
    private static String national(String run, int i) {
        int area = AREAS.get(RUNS.computeIfAbsent(run, r -> RUNS.size()) % AREAS.size());
        int exchange = 200 + i / 10_000;
        return "(" + area + ") " + exchange + "-" + String.format("%04d", i % 10_000);
    }

    private static long count(Connection sql) throws Exception {
        try (Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM directory_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
