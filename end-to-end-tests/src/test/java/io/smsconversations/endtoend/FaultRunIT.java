package io.smsconversations.endtoend;

import static io.smsconversations.endtoend.RunningSuite.numberPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.endtoend.FaultSchedule.Fault;
import io.smsconversations.endtoend.RetryingClient.Outcome;
import io.smsconversations.endtoend.SignedWebhooks.Webhook;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.testing.KafkaBroker;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * The fault run (issue 10, item 8): a bounded, steady-rate load of signed inbound webhooks of all four providers
 * (with duplicates and forged signatures mixed in) and of seller replies, while each of the four services is killed
 * with {@code kill -9} and restarted in turn, PostgreSQL is stopped and started again, and the Kafka broker is
 * restarted. The load retries every 503 and connection failure with the same request, as providers do. Afterwards it
 * prints and asserts, from the services' own databases, the provider, and the dead-letter topics: every accepted
 * webhook stored exactly once, one notification per alerted seller, nothing forged stored, no dead letter, every send
 * at the provider exactly once.
 * <p>
 * In {@code ./mvnw verify} it runs short (1,000 webhooks, short outages) and last of the end-to-end classes
 * ({@code junit-platform.properties} orders classes by {@link Order}), sharing their suite start; {@code -Pfaults}
 * ({@code ./sms chaos}) runs the full size. Sizes come from the {@code sms.faults.*} system properties.
 * See docs/reliability.md.
 */
@ExtendWith(RunningSuite.Extension.class)
@Order(Integer.MAX_VALUE)
class FaultRunIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEXT_PREFIX = "Fault run " + RUN + " #";
    private static final String REPLY_PREFIX = "Fault reply " + RUN + " #";
    private static final int CUSTOMERS = 20;
    /** Every 50th webhook is forged and every 50th a duplicate: 2 % each. */
    private static final int EVERY = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int webhooks = Integer.getInteger("sms.faults.webhooks", 1000);
    private final double rate = Double.parseDouble(System.getProperty("sms.faults.rate", "20"));
    private final int sendEvery = Integer.getInteger("sms.faults.send-every", 25);
    private final Duration pause = Duration.ofSeconds(Long.getLong("sms.faults.pause-seconds", 2));
    private final Duration postgresOutage = Duration.ofSeconds(Long.getLong("sms.faults.postgres-outage-seconds", 5));
    private final boolean brokerRestart = Boolean.parseBoolean(System.getProperty("sms.faults.broker-restart", "true"));

    /** One request of the load and how it ended. */
    private record Issued(String kind, Webhook webhook, String sendBody, CompletableFuture<Outcome> outcome) {
    }

    @Test
    void nothingIsLostOrDoubledWhileServicesAreKilledAndTheDatabaseAndBrokerGoAway(RunningSuite suite)
            throws Exception {
        try (FakeTwilioApi twilio = FakeTwilioApi.start()) {
            run(suite, twilio);
        }
    }

    private void run(RunningSuite suite, FakeTwilioApi twilio) throws Exception {
        // Sends go to the simulated Twilio in this JVM, which survives the gateway's kills (see FakeTwilioApi).
        var gateway = suite.backendProcesses().get(0);
        gateway.restart(Map.of("gateway.twilio.api-base-url", twilio.baseUrl()));
        gateway.awaitReady(Duration.ofSeconds(300));

        Directory directory = seed(suite);
        SignedWebhooks signer = new SignedWebhooks(suite.gatewayUrl());
        RetryingClient client = new RetryingClient(Duration.ofMinutes(5));

        // First each customer texts the Twilio number once, so that the sellers have conversations to reply in.
        List<Issued> issued = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            issued.add(webhook(client, signer.inbound(SignedWebhooks.TWILIO, directory.customers().get(c),
                    directory.numbers().get(SignedWebhooks.TWILIO), TEXT_PREFIX + "start-" + c, false), "good"));
        }
        issued.forEach(i -> assertThat(i.outcome().join().status()).as("first texts").isEqualTo(200));
        Map<String, String> conversations = awaitConversations(directory);
        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds();

        long origin = System.nanoTime();
        Instant startedAt = Instant.now();
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        FaultSchedule schedule = new FaultSchedule(suite.backendProcesses(), infrastructure.postgres(),
                brokerRestart ? infrastructure.ownBroker().orElse(null) : null, pause, postgresOutage, origin);
        CompletableFuture<List<Fault>> faults = CompletableFuture.supplyAsync(schedule::run,
                Executors.newSingleThreadExecutor());

        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        List<Issued> load = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Webhook> good = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] tick = { 0 };
        CompletableFuture<Void> loadDone = new CompletableFuture<>();
        ticks.scheduleAtFixedRate(() -> {
            int i = tick[0]++;
            if (i >= webhooks) {
                loadDone.complete(null);
                return;
            }
            try {
                load.add(next(i, client, signer, directory, good));
                if (i % sendEvery == sendEvery / 2) {
                    load.add(reply(i / sendEvery, client, suite, directory, conversations));
                }
            } catch (RuntimeException e) {
                loadDone.completeExceptionally(e);
            }
        }, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
        loadDone.get(1, TimeUnit.HOURS);
        ticks.shutdownNow();
        Duration loadTook = Duration.ofNanos(System.nanoTime() - origin);

        List<Fault> faultsSeen = faults.get(1, TimeUnit.HOURS);
        List<Issued> all = new ArrayList<>(issued);
        all.addAll(load);
        CompletableFuture.allOf(all.stream().map(Issued::outcome).toArray(CompletableFuture[]::new))
                .get(15, TimeUnit.MINUTES);
        long answeredAt = System.nanoTime();

        Expected expected = Expected.of(all);
        Duration drained = awaitDrained(expected, twilio);
        Report report = Report.collect(expected, twilio, deadLettersBefore, deadLetterEnds());
        String text = report.describe(all, faultsSeen, loadTook, Duration.ofNanos(answeredAt - origin), drained,
                startedAt, webhooks, rate);
        System.out.println(text);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("fault-run-report.txt"), text);
        report.check();
    }

    private Issued next(int i, RetryingClient client, SignedWebhooks signer, Directory directory, List<Webhook> good) {
        String provider = SignedWebhooks.PROVIDERS.get(i % SignedWebhooks.PROVIDERS.size());
        String customer = directory.customers().get((i / SignedWebhooks.PROVIDERS.size()) % CUSTOMERS);
        if (i % EVERY == EVERY - 1 && !good.isEmpty()) {
            // A duplicate: the provider delivers the same webhook again (the very same request).
            return webhook(client, good.get(good.size() - 1 - (i % Math.min(good.size(), 10))), "duplicate");
        }
        boolean forged = i % EVERY == EVERY / 2;
        if (forged) {
            // i % 4 is always the same provider here: take the providers in turn instead.
            provider = SignedWebhooks.PROVIDERS.get((i / EVERY) % SignedWebhooks.PROVIDERS.size());
        }
        Webhook webhook = signer.inbound(provider, customer, directory.numbers().get(provider), TEXT_PREFIX + i,
                forged);
        if (!forged) {
            good.add(webhook);
        }
        return webhook(client, webhook, forged ? "forged" : "good");
    }

    private static Issued webhook(RetryingClient client, Webhook webhook, String kind) {
        return new Issued(kind, webhook, null, client.post(webhook.url(), webhook.headers(), webhook.body()));
    }

    /** A seller's reply from the conversation pane, with an Idempotency-Key so that its retries are one send. */
    private static Issued reply(int k, RetryingClient client, RunningSuite suite, Directory directory,
            Map<String, String> conversations) {
        String customer = directory.customers().get(k % CUSTOMERS);
        String body = REPLY_PREFIX + k;
        String seller = directory.ownerOf(customer);
        return new Issued("send", null, body, client.post(
                suite.conversationUrl() + "/api/conversations/" + conversations.get(customer) + "/messages",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "fault-" + RUN + "-" + k,
                        // A fresh token each time: the run outlasts a token's lifetime.
                        "Authorization", "Bearer " + TestTokens.seller(seller)),
                "{\"body\":\"" + body + "\"}"));
    }

    /** Two sellers, one business number per provider assigned to both, and the customers' contacts. */
    private record Directory(List<String> sellers, Map<String, String> numbers, List<String> customers,
            Map<String, String> records) {

        String ownerOf(String customer) {
            return sellers.get(customers.indexOf(customer) % sellers.size());
        }
    }

    private static Directory seed(RunningSuite suite) {
        List<String> sellers = List.of("seller-fault-a-" + RUN, "seller-fault-b-" + RUN);
        for (String seller : sellers) {
            suite.adminPut("/api/admin/sellers/" + seller, new Seller(seller, "Fault " + seller.substring(13, 14),
                    List.of("team-fault-" + RUN), true));
        }
        Map<String, String> numbers = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (int p = 0; p < SignedWebhooks.PROVIDERS.size(); p++) {
            String provider = SignedWebhooks.PROVIDERS.get(p);
            String number = "+1206555019" + p;
            numbers.put(provider, number);
            suite.adminPut("/api/admin/business-numbers/" + numberPath(number), new BusinessNumber(number,
                    "Fault line " + provider + " " + RUN, BusinessNumberType.LONG_CODE, sellers,
                    List.of("team-fault-" + RUN), provider));
            paths.add("/api/admin/business-numbers/" + numberPath(number));
        }
        List<String> customers = new ArrayList<>();
        Map<String, String> records = new HashMap<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "+120655501" + (50 + c);
            String record = "contact-fault-" + c + "-" + RUN;
            customers.add(customer);
            records.put(customer, record);
            suite.adminPut("/api/admin/records/" + record, new DirectoryRecord(record, RecordType.CONTACT,
                    "Fault customer " + c, Owner.seller(sellers.get(c % sellers.size())), true,
                    Instant.parse("2026-11-01T09:00:00Z"), List.of(new PhoneNumber(PhoneKind.MOBILE, customer)),
                    null));
            paths.add("/api/admin/records/" + record);
        }
        suite.awaitInRouting(paths.toArray(String[]::new));
        Directory directory = new Directory(sellers, numbers, customers, records);
        // conversation-service checks sends against its own projection of the directory.
        for (String customer : customers) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RunningSuite.asSeller(directory.ownerOf(customer))
                    .get(suite.conversationUrl() + "/api/records/" + records.get(customer) + "/conversations")
                    .then().statusCode(200).body("record.inDirectory", is(true)));
        }
        return directory;
    }

    /** Each customer's conversation on the Twilio number, by customer number, from conversation-service's database. */
    private static Map<String, String> awaitConversations(Directory directory) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> found = new HashMap<>();
            query("conversation", "SELECT customer_number, id FROM conversation WHERE business_number = ?",
                    List.of(directory.numbers().get(SignedWebhooks.TWILIO)),
                    row -> found.put(row.getString(1), row.getString(2)));
            found.keySet().retainAll(directory.customers());
            return found;
        }, found -> found.size() == CUSTOMERS);
    }

    /** What the load's answers promise: the webhooks accepted (by provider and id), the forged ones, the sends. */
    private record Expected(Set<String> accepted, Set<String> forged, Set<String> retried, Set<String> sends,
            Set<String> unanswered) {

        static Expected of(List<Issued> all) {
            Set<String> accepted = new HashSet<>();
            Set<String> forged = new HashSet<>();
            Set<String> retried = new HashSet<>();
            Set<String> sends = new HashSet<>();
            Set<String> unanswered = new HashSet<>();
            for (Issued issued : all) {
                Outcome outcome = issued.outcome().join();
                String key = issued.webhook() == null ? issued.sendBody() : key(issued.webhook());
                if (!outcome.success() && !issued.kind().equals("forged")) {
                    unanswered.add(key + " -> " + outcome.status());
                } else if (issued.kind().equals("send")) {
                    sends.add(issued.sendBody());
                } else if (issued.kind().equals("forged")) {
                    forged.add(key);
                } else {
                    accepted.add(key);
                    if (outcome.attempts() > 1) {
                        retried.add(key);
                    }
                }
            }
            return new Expected(accepted, forged, retried, sends, unanswered);
        }

        static String key(Webhook webhook) {
            return webhook.provider() + ":" + webhook.providerMessageId();
        }
    }

    /** Waits until the databases and the provider hold everything the answers promised; answers how long it took. */
    private static Duration awaitDrained(Expected expected, FakeTwilioApi twilio) {
        long start = System.nanoTime();
        try {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Stored stored = Stored.read();
                Set<String> sent = twilio.sent().stream().map(FakeTwilioApi.Sent::body).collect(Collectors.toSet());
                return stored.messages().keySet().containsAll(expected.accepted())
                        && stored.missingNotifications() == 0 && sent.containsAll(expected.sends());
            });
        } catch (org.awaitility.core.ConditionTimeoutException incomplete) {
            // Reported and failed by the checks below, with the numbers.
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The run's inbound messages in conversation-service's database and their notifications. */
    private record Stored(Map<String, Integer> messages, int notifications, int missingNotifications,
            int extraNotifications, int alerts, int messagesWithoutAlerts) {

        static Stored read() throws SQLException {
            Map<String, Integer> messages = new TreeMap<>();
            Map<String, Set<String>> alertedByEvent = new HashMap<>();
            query("conversation", "SELECT provider, provider_message_id, id, alerts FROM message "
                    + "WHERE direction = 'INBOUND' AND body LIKE ?", List.of(TEXT_PREFIX + "%"), row -> {
                        messages.merge(row.getString(1) + ":" + row.getString(2), 1, Integer::sum);
                        Set<String> alerted = new HashSet<>();
                        try {
                            for (JsonNode alert : JSON.readTree(row.getString(4)).path("items")) {
                                alerted.add(alert.path("sellerId").asText());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        alertedByEvent.put(EventIds.derived("message-added", row.getString(3)), alerted);
                    });
            Map<String, Map<String, Integer>> notified = new HashMap<>();
            query("notification", "SELECT source_event_id, recipient_id, count(*) FROM notification "
                    + "WHERE kind IN ('INBOUND_MESSAGE', 'MISSING_SELLER_PRIVILEGE') GROUP BY 1, 2", List.of(),
                    row -> notified.computeIfAbsent(row.getString(1), id -> new HashMap<>())
                            .put(row.getString(2), row.getInt(3)));
            int notifications = 0;
            int missing = 0;
            int extra = 0;
            int alerts = 0;
            int withoutAlerts = 0;
            for (var message : alertedByEvent.entrySet()) {
                Map<String, Integer> byRecipient = notified.getOrDefault(message.getKey(), Map.of());
                alerts += message.getValue().size();
                withoutAlerts += message.getValue().isEmpty() ? 1 : 0;
                for (String seller : message.getValue()) {
                    int count = byRecipient.getOrDefault(seller, 0);
                    notifications += count;
                    missing += count == 0 ? 1 : 0;
                    extra += Math.max(0, count - 1);
                }
                extra += byRecipient.keySet().stream().filter(r -> !message.getValue().contains(r))
                        .mapToInt(byRecipient::get).sum();
            }
            return new Stored(messages, notifications, missing, extra, alerts, withoutAlerts);
        }
    }

    /** The numbers of the run and the checks on them. */
    private record Report(Expected expected, Stored stored, Map<String, Long> sentByBody,
            Map<String, Long> newDeadLetters) {

        static Report collect(Expected expected, FakeTwilioApi twilio, Map<TopicPartition, Long> before,
                Map<TopicPartition, Long> after) throws SQLException {
            Map<String, Long> sent = twilio.sent().stream().filter(s -> s.body().startsWith(REPLY_PREFIX))
                    .collect(Collectors.groupingBy(FakeTwilioApi.Sent::body, Collectors.counting()));
            Map<String, Long> dead = new TreeMap<>();
            after.forEach((partition, end) -> {
                long added = end - before.getOrDefault(partition, 0L);
                if (added > 0) {
                    dead.merge(partition.topic(), added, Long::sum);
                }
            });
            return new Report(expected, Stored.read(), sent, dead);
        }

        String describe(List<Issued> all, List<Fault> faults, Duration loadTook, Duration answered, Duration drained,
                Instant startedAt, int webhooks, double rate) {
            Map<String, Long> byKind = all.stream().collect(Collectors.groupingBy(Issued::kind, TreeMap::new,
                    Collectors.counting()));
            Map<String, Long> byProvider = all.stream().filter(i -> i.webhook() != null)
                    .collect(Collectors.groupingBy(i -> i.webhook().provider(), TreeMap::new, Collectors.counting()));
            long unavailable = all.stream().mapToLong(i -> i.outcome().join().unavailable()).sum();
            long refused = all.stream().mapToLong(i -> i.outcome().join().connectionFailures()).sum();
            long retriedRequests = all.stream().filter(i -> i.outcome().join().attempts() > 1).count();
            long forgedRefused = all.stream().filter(i -> i.kind().equals("forged"))
                    .filter(i -> i.outcome().join().status() == 403).count();
            Set<String> forgedStored = new HashSet<>(expected.forged());
            forgedStored.retainAll(stored.messages().keySet());
            long doubled = stored.messages().values().stream().filter(n -> n > 1).count();
            Set<String> lost = new HashSet<>(expected.accepted());
            lost.removeAll(stored.messages().keySet());
            Set<String> unexpected = new HashSet<>(stored.messages().keySet());
            unexpected.removeAll(expected.accepted());
            Set<String> retriedStoredOnce = new HashSet<>(expected.retried());
            retriedStoredOnce.removeIf(key -> stored.messages().getOrDefault(key, 0) != 1);
            long sendsOnce = expected.sends().stream().filter(body -> sentByBody.getOrDefault(body, 0L) == 1).count();
            StringBuilder out = new StringBuilder();
            out.append("==== Fault run ").append(RUN).append(" (started ").append(startedAt).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n");
            out.append("load: %d webhooks at %.1f/s, issued in %.1f s, all answered %.1f s after the start%n"
                    .formatted(webhooks, rate, loadTook.toMillis() / 1000.0, answered.toMillis() / 1000.0));
            out.append("requests by kind: ").append(byKind).append("; webhooks by provider: ").append(byProvider)
                    .append('\n');
            out.append(("answers on the way: %d x 502/503/504, %d connection failures or timeouts; %d requests "
                    + "needed a retry%n").formatted(unavailable, refused, retriedRequests));
            out.append("faults:\n");
            faults.forEach(fault -> out.append("  ").append(fault).append('\n'));
            out.append("everything stored %.1f s after the last answer%n".formatted(drained.toMillis() / 1000.0));
            out.append("accepted webhooks (2xx, distinct provider ids): ").append(expected.accepted().size())
                    .append("; inbound messages stored: ").append(stored.messages().size())
                    .append("; stored more than once: ").append(doubled).append("; lost: ").append(lost.size())
                    .append("; stored but never accepted: ").append(unexpected.size()).append('\n');
            out.append("webhooks retried after 503/connection failure: ").append(expected.retried().size())
                    .append(", stored exactly once: ").append(retriedStoredOnce.size()).append('\n');
            out.append("forged: ").append(expected.forged().size()).append(" sent, ").append(forgedRefused)
                    .append(" refused with 403, ").append(forgedStored.size()).append(" stored\n");
            out.append("notifications: ").append(stored.notifications()).append(" for ").append(stored.alerts())
                    .append(" alerted sellers; missing ").append(stored.missingNotifications()).append(", extra ")
                    .append(stored.extraNotifications()).append("; messages alerting nobody: ")
                    .append(stored.messagesWithoutAlerts()).append('\n');
            out.append("sends: ").append(expected.sends().size()).append(" accepted by conversation-service, ")
                    .append(sendsOnce).append(" at the provider exactly once, ")
                    .append(sentByBody.values().stream().filter(n -> n > 1).count()).append(" more than once\n");
            out.append("new dead letters: ").append(newDeadLetters.isEmpty() ? "none" : newDeadLetters).append('\n');
            out.append("never answered 2xx (given up): ").append(expected.unanswered()).append('\n');
            return out.toString();
        }

        void check() {
            assertThat(expected.unanswered()).as("requests that never got a 2xx despite retries").isEmpty();
            assertThat(stored.messages().keySet()).as("stored inbound messages = accepted webhooks")
                    .containsExactlyInAnyOrderElementsOf(expected.accepted());
            assertThat(stored.messages().entrySet()).as("messages stored more than once")
                    .allSatisfy(message -> assertThat(message.getValue()).as(message.getKey()).isEqualTo(1));
            assertThat(expected.retried()).as("the faults made the load retry").isNotEmpty();
            assertThat(expected.forged()).as("forged webhooks were sent").isNotEmpty()
                    .doesNotContainAnyElementsOf(stored.messages().keySet());
            assertThat(stored.messagesWithoutAlerts()).as("messages that alerted nobody").isZero();
            assertThat(stored.missingNotifications()).as("alerted sellers without a notification").isZero();
            assertThat(stored.extraNotifications()).as("notifications beyond one per alerted seller").isZero();
            assertThat(newDeadLetters).as("dead letters written during the run").isEmpty();
            assertThat(expected.sends()).as("sends accepted").isNotEmpty();
            assertThat(expected.sends()).as("sends at the provider exactly once")
                    .allSatisfy(body -> assertThat(sentByBody.getOrDefault(body, 0L)).as(body).isEqualTo(1L));
        }
    }

    /** The end offsets of every dead-letter topic ({@code <topic>.dlq.<service>}). */
    private static Map<TopicPartition, Long> deadLetterEnds() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SuiteInfrastructure.get().kafkaBootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.contains(".dlq.")).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    /** A query on one service's database, as that service's own role. */
    private static void query(String database, String sql, List<String> parameters, Row row) throws SQLException {
        ServiceDatabase db = SuiteInfrastructure.get().postgres().database(database, false);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int p = 0; p < parameters.size(); p++) {
                statement.setString(p + 1, parameters.get(p));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }
}
