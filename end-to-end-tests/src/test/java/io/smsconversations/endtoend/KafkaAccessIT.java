package io.smsconversations.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaSecurity;
import io.smsconversations.testing.SuiteInfrastructure;

/**
 * Kafka is no open door (issue 11, item 2): the four services of the suite run through the broker's SCRAM-SHA-512
 * listener as the KafkaUsers of {@code deploy/}, under exactly those users' ACLs, and the other end-to-end classes
 * prove that these rights are enough for every flow. Here: a wrong password is refused, and each service's identity
 * can neither write what the service does not produce nor read or join what is not its own.
 */
@ExtendWith(RunningSuite.Extension.class)
class KafkaAccessIT {

    private static RunningSuite suite;
    private static String sasl;

    @BeforeAll
    static void secured(RunningSuite running) {
        suite = running;
        assumeTrue(!running.kafkaPasswords().isEmpty(), "an external broker has no SASL listener");
        sasl = SuiteInfrastructure.get().kafkaSaslBootstrapServers().orElseThrow();
    }

    @Test
    void theBrokerEnforcesExactlyTheAclsOfTheManifestsAndTheServicesConsumeUnderThem() throws Exception {
        Set<AclBinding> manifests = new HashSet<>();
        DeployedKafka.users(Path.of(System.getProperty("sms.repository.root", ".."))).values()
                .forEach(manifests::addAll);
        assertThat(KafkaSecurity.acls(SuiteInfrastructure.get().kafkaBootstrapServers()))
                .isEqualTo(manifests);
        assertThat(suite.kafkaPasswords()).containsOnlyKeys("inbound-gateway", "routing-service",
                "conversation-service", "notification-service");

        // The services were given the SASL listener only: a group with members is a service logged in as its user.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SuiteInfrastructure.get().kafkaBootstrapServers()))) {
            List<String> groups = List.of("inbound-gateway", "routing-service.inbound-messages",
                    "conversation-service", "conversation-service.delivery-reports", "notification-service");
            // Right after the start a group may still be forming: wait for its members rather than sample once.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                        .get(30, TimeUnit.SECONDS);
                assertThat(described.values()).allSatisfy(group -> assertThat(group.members()).as(group.groupId())
                        .isNotEmpty());
            });
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (KafkaProducer<String, String> producer = producer("conversation-service", "not-its-password")) {
            assertThatThrownBy(() -> send(producer, Topics.CONVERSATION_EVENTS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (KafkaProducer<String, String> producer = producer("intruder", "any")) {
            assertThatThrownBy(() -> send(producer, Topics.SEND_REQUESTS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void onlyConversationServiceWritesSendRequestsAndOnlyRoutingTheDirectory() {
        for (String service : List.of("inbound-gateway", "routing-service", "notification-service")) {
            assertRefusedToWrite(service, Topics.SEND_REQUESTS);
        }
        for (String service : List.of("inbound-gateway", "conversation-service", "notification-service")) {
            assertRefusedToWrite(service, Topics.DIRECTORY_SELLERS);
        }
        assertRefusedToWrite("conversation-service", Topics.INBOUND_MESSAGES);
        assertRefusedToWrite("routing-service", "sms.send-requests.dlq.inbound-gateway");
        assertRefusedToWrite("notification-service", "a-topic-nobody-made");
    }

    @Test
    void aServiceReadsOnlyItsTopicsInItsOwnGroups() {
        // notification-service consumes sms.conversation-events, but not in routing's group...
        try (KafkaConsumer<String, String> consumer = consumer("notification-service", "routing-service")) {
            consumer.subscribe(List.of(Topics.CONVERSATION_EVENTS));
            assertThatThrownBy(() -> pollUntilFailure(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
        // ...and never the send requests, even in a group of its own.
        try (KafkaConsumer<String, String> consumer = consumer("notification-service",
                "notification-service.probe-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.SEND_REQUESTS));
            assertThatThrownBy(() -> pollUntilFailure(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static void assertRefusedToWrite(String service, String topic) {
        try (KafkaProducer<String, String> producer = producer(service, suite.kafkaPasswords().get(service))) {
            assertThatThrownBy(() -> send(producer, topic)).as("%s writing %s", service, topic)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, "kafka-access-it", "must never be written")).get(30,
                TimeUnit.SECONDS);
    }

    /** Polls until the consumer fails (the failure is the point); gives up after 30 s. */
    private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
        throw new AssertionError("the consumer was never refused");
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.clientConfig(sasl, user, password));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.clientConfig(sasl, user,
                suite.kafkaPasswords().get(user)));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
