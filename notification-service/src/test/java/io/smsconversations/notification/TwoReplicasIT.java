package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * Two replicas of the built service (two JVMs from quarkus-run.jar) in one consumer group, on one broker and one
 * database: a seller's stream on either replica gets every notification, whichever replica consumed the event.
 * Runs in failsafe, after {@code package}.
 */
class TwoReplicasIT {

    /** The jar `package` built (the pom passes its path; the benchmark runs from the module folder). */
    private static final java.nio.file.Path NOTIFICATION_JAR = java.nio.file.Path.of(
            System.getProperty("notification.jar", "target/quarkus-app/quarkus-run.jar"));

    private static final String GROUP = "notification-service";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration LIVE = Duration.ofSeconds(10);

    private static OidcWiremockTestResource oidc;
    private static ServiceProcess replicaA;
    private static ServiceProcess replicaB;

    @BeforeAll
    static void startTwoReplicas() {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        // TestTokens signs with the OIDC test server's key, found through MicroProfile Config
        oidcConfig.forEach(System::setProperty);
        ServiceDatabase db = infrastructure.postgres().database("notification_it", true);
        Map<String, String> config = new HashMap<>(db.quarkusConfig());
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/");
        config.put("quarkus.oidc.client-id", "quarkus-service-app");
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        replicaA = ServiceProcess.start(NOTIFICATION_JAR, "replica-a", FreePorts.next(), config);
        replicaB = ServiceProcess.start(NOTIFICATION_JAR, "replica-b", FreePorts.next(), config);
        Stream.of(replicaA, replicaB)
                .map(replica -> CompletableFuture.runAsync(() -> replica.awaitReady(READY)))
                .toList()
                .forEach(CompletableFuture::join);
    }

    @AfterAll
    static void stop() {
        Stream.of(replicaA, replicaB).filter(r -> r != null).forEach(ServiceProcess::close);
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    void aSellerOnEitherReplicaGetsEveryNotificationWhicheverReplicaConsumedIt() throws Exception {
        awaitBothReplicasConsume();
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        // one conversation per partition at least, so that both replicas consume some of the events
        List<ConversationMessageAdded> events = onEveryPartition(seller, 3, 2);
        int before = stored(replicaA);
        int beforeB = stored(replicaB);

        try (SseClient onA = SseClient.connect(URI.create(replicaA.baseUrl() + "/api/notifications/stream"), token);
                SseClient onB = SseClient.connect(URI.create(replicaB.baseUrl() + "/api/notifications/stream"),
                        token)) {
            events.forEach(ConversationEvents::publish);

            await().atMost(LIVE).until(() -> onA.events().size() >= events.size()
                    && onB.events().size() >= events.size());
            Thread.sleep(500); // room for a wrong duplicate
            Set<String> conversations = new HashSet<>();
            events.forEach(e -> conversations.add(e.conversationId()));
            assertThat(onA.events()).hasSize(events.size());
            assertThat(onB.events()).containsExactlyInAnyOrderElementsOf(onA.events());
            assertThat(onA.events()).extracting(e -> e.data().replaceAll(".*\"conversationId\":\"([^\"]*)\".*", "$1"))
                    .containsExactlyInAnyOrderElementsOf(conversations);
        }
        // each replica consumed (and stored) some of them: what the other's stream got came through the fan-out
        assertThat(stored(replicaA)).as("events consumed by replica A").isGreaterThan(before);
        assertThat(stored(replicaB)).as("events consumed by replica B").isGreaterThan(beforeB);
    }

    /** Lines where a replica says it stored notifications. */
    private static int stored(ServiceProcess replica) {
        return (int) replica.log().lines().filter(l -> l.contains("notification(s) stored")).count();
    }

    /** {@code perPartition} events for {@code seller} in conversations whose keys land on each partition. */
    private static List<ConversationMessageAdded> onEveryPartition(String seller, int partitions, int perPartition) {
        Map<Integer, Integer> count = new HashMap<>();
        List<ConversationMessageAdded> events = new ArrayList<>();
        while (events.size() < partitions * perPartition) {
            ConversationMessageAdded event = inbound("hello " + events.size(), privileged(seller));
            int partition = Utils.toPositive(Utils.murmur2(event.conversationId().getBytes(StandardCharsets.UTF_8)))
                    % partitions;
            if (count.merge(partition, 1, Integer::sum) <= perPartition) {
                events.add(event);
            }
        }
        return events;
    }

    /** Waits until the group is stable with two members, each assigned partitions of the conversation events. */
    private static void awaitBothReplicasConsume() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SuiteInfrastructure.get().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                return group.members().size() == 2 && group.members().stream().allMatch(m -> m.assignment()
                        .topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.CONVERSATION_EVENTS)));
            });
        }
    }
}
