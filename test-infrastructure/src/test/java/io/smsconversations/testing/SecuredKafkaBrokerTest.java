package io.smsconversations.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secured broker of the harness: its SASL listener lets in a user with the right password only, and that user
 * may write only where an ACL allows; the plaintext listener stays open to the tests.
 */
class SecuredKafkaBrokerTest {

    private static final String USER = "writer";
    private static final String PASSWORD = "writer-" + UUID.randomUUID();

    private static KafkaBroker broker;
    private static String sasl;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        broker = KafkaBroker.startSecured(0, Files.createTempDirectory("sms-kafka-secured"));
        sasl = broker.saslBootstrapServers().orElseThrow();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("allowed", 1, (short) 1), new NewTopic("forbidden", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        KafkaSecurity.createUser(broker.bootstrapServers(), sasl, USER, PASSWORD);
        KafkaSecurity.allow(broker.bootstrapServers(), List.of(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "allowed", PatternType.LITERAL),
                new AccessControlEntry("User:" + USER, "*", AclOperation.WRITE, AclPermissionType.ALLOW))));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theUserWritesWhereAnAclAllowsIt() throws Exception {
        try (KafkaProducer<String, String> producer = producer(PASSWORD)) {
            assertThat(producer.send(new ProducerRecord<>("allowed", "k", "v")).get(30, TimeUnit.SECONDS).offset())
                    .isNotNegative();
        }
    }

    @Test
    void theUserMayNotWriteWhereNoAclAllowsIt() {
        try (KafkaProducer<String, String> producer = producer(PASSWORD)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("forbidden", "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (KafkaProducer<String, String> producer = producer("not-" + PASSWORD)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("allowed", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void thePlaintextListenerStaysOpenToTheTests() {
        try (KafkaTestClient tests = new KafkaTestClient(broker.bootstrapServers())) {
            tests.publishRaw("forbidden", "by-the-tests", "written by the tests");
            assertThat(tests.awaitOne("forbidden", e -> "by-the-tests".equals(e.key()), Duration.ofSeconds(30))
                    .value()).isEqualTo("written by the tests");
        }
    }

    /** The fault run restarts the broker under the services: same ports, and the SCRAM users and ACLs kept. */
    @Test
    void aRestartedBrokerKeepsItsPortsItsUsersAndTheirAcls() throws Exception {
        String plain = broker.bootstrapServers();
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();
        assertThat(broker.bootstrapServers()).isEqualTo(plain);
        assertThat(broker.saslBootstrapServers()).contains(sasl);
        try (KafkaProducer<String, String> producer = producer(PASSWORD)) {
            assertThat(producer.send(new ProducerRecord<>("allowed", "k", "after restart")).get(30, TimeUnit.SECONDS)
                    .offset()).isNotNegative();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("forbidden", "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String password) {
        Map<String, Object> config = new HashMap<>(KafkaSecurity.clientConfig(sasl, USER, password));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config);
    }
}
