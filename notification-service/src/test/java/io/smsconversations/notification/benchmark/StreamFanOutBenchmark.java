package io.smsconversations.notification.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * Not a test: how many concurrent SSE streams one instance holds, the memory they take, and the fan-out latency
 * (row committed in PostgreSQL -> event read by the client, i.e. trigger, NOTIFY, LISTEN, load by id, SSE write) at
 * that load. Starts the built jar (run {@code verify} first) against the test infrastructure's PostgreSQL and Kafka.
 * <p>
 * Arguments: stream counts, comma-separated (default {@code 100,1000,2000}). One seller per stream; for each count it
 * opens the streams, reads the heap and RSS of the service, then (1) 200 single notifications one after the other to
 * random sellers, (2) a burst: one notification to every seller in one transaction. Results go to stdout.
 */
public final class StreamFanOutBenchmark {

    /** Run from the module folder, after `package`. */
    private static final java.nio.file.Path NOTIFICATION_JAR = java.nio.file.Path.of(
            System.getProperty("notification.jar", "target/quarkus-app/quarkus-run.jar"));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** nanoTime of arrival per notification id (the SSE id), by the first stream that got it. */
    private static final Map<Long, Long> ARRIVALS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int[] counts = Arrays.stream((args.length > 0 ? args[0] : "100,1000,2000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        oidcConfig.forEach(System::setProperty);
        ServiceDatabase db = infrastructure.postgres().database("notification_bench", true);
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/");
        config.put("quarkus.oidc.client-id", "quarkus-service-app");
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        config.put("quarkus.log.level", "WARN");
        try (ServiceProcess service = ServiceProcess.start(NOTIFICATION_JAR, "benchmark", FreePorts.next(), config)) {
            service.awaitReady(Duration.ofSeconds(120));
            System.out.printf("cores=%d, java=%s, service -Xmx256m%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            System.out.printf("baseline: heap used %.1f MiB, RSS %.1f MiB%n", heapMiB(service), rssMiB(service));
            for (int count : counts) {
                run(service, db, count);
            }
        } finally {
            oidc.stop();
        }
        System.exit(0); // the suite's broker and database threads
    }

    private static void run(ServiceProcess service, ServiceDatabase db, int count) throws Exception {
        ARRIVALS.clear();
        URI stream = URI.create(service.baseUrl() + "/api/notifications/stream");
        List<String> sellers = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(count);
        List<java.util.concurrent.CompletableFuture<?>> responses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String seller = "bench-" + UUID.randomUUID();
            sellers.add(seller);
            HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + TestTokens.seller(seller)).build();
            responses.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(connected))));
        }
        if (!connected.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + (count - connected.getCount()) + " streams connected");
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);
        double heap = heapMiB(service);
        double rss = rssMiB(service);
        System.out.printf("%n== %d streams: opened in %.1f s; service heap used %.1f MiB, RSS %.1f MiB, open=%s%n",
                count, openSeconds, heap, rss, metric(service, "notification_streams_open"));

        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            // (1) one at a time
            List<Double> single = new ArrayList<>();
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 200; i++) {
                String seller = sellers.get(random.nextInt(count));
                long t0 = System.nanoTime();
                long id = insert(connection, List.of(seller)).get(0);
                single.add(awaitArrival(id, t0));
            }
            System.out.println("single notifications (200, sequential), commit -> client, ms: " + stats(single));

            // (2) burst: one notification to every seller, one transaction
            connection.setAutoCommit(false);
            long t0 = System.nanoTime();
            List<Long> ids = insert(connection, sellers);
            connection.commit();
            long committed = System.nanoTime();
            connection.setAutoCommit(true);
            List<Double> burst = new ArrayList<>();
            for (long id : ids) {
                burst.add(awaitArrival(id, committed));
            }
            System.out.printf("burst of %d (one per stream, one transaction of %.0f ms), commit -> client, ms: %s%n",
                    count, (committed - t0) / 1e6, stats(burst));
        }
        responses.forEach(r -> r.cancel(true));
        long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < closeDeadline && !"0.0".equals(metric(service, "notification_streams_open"))) {
            Thread.sleep(500);
        }
    }

    private static List<Long> insert(Connection connection, List<String> recipients) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification"
                + " (recipient_id, kind, title, text, conversation_id, source_event_id)"
                + " VALUES (?, 'INBOUND_MESSAGE', 'New SMS from ***0123', 'Ada Lovelace: benchmark', ?, ?)"
                + " RETURNING id")) {
            for (String recipient : recipients) {
                insert.setString(1, recipient);
                insert.setString(2, "conv-bench");
                insert.setString(3, UUID.randomUUID().toString());
                try (var rows = insert.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private static double awaitArrival(long id, long t0) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Long arrived;
        while ((arrived = ARRIVALS.get(id)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notification " + id + " never arrived");
            }
            Thread.sleep(0, 200_000);
        }
        return Math.max(0, arrived - t0) / 1e6;
    }

    private static String stats(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("p50 %.1f, p95 %.1f, p99 %.1f, max %.1f", percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String metric(ServiceProcess service, String name) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("?");
    }

    private static double heapMiB(ServiceProcess service) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() / (1024 * 1024);
    }

    private static double rssMiB(ServiceProcess service) throws Exception {
        Path status = Path.of("/proc", String.valueOf(service.pid()), "status");
        if (!Files.exists(status)) {
            return Double.NaN;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(Double.NaN);
    }

    /** Reads one stream: counts it connected at ":connected", records the arrival of each event id. */
    private static final class Lines implements Flow.Subscriber<String> {
        private static final AtomicInteger FAILED = new AtomicInteger();
        private final CountDownLatch connected;

        Lines(CountDownLatch connected) {
            this.connected = connected;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                ARRIVALS.putIfAbsent(Long.parseLong(line.substring(3).strip()), System.nanoTime());
            } else if (line.equals(":connected")) {
                connected.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            FAILED.incrementAndGet();
        }

        @Override
        public void onComplete() {
        }
    }
}
