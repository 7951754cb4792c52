package io.smsconversations.consumers.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smsconversations.consumers.DeadLetter;
import io.smsconversations.testing.SuiteInfrastructure;
import picocli.CommandLine;

/** Re-driving dead letters on a real broker: filters, what is re-published, and that a second run moves nothing. */
class RedriveTest {

    private final String bootstrap = SuiteInfrastructure.get().kafkaBootstrapServers();
    private String source;
    private String dlq;

    @BeforeEach
    void topics() throws Exception {
        source = "sms.redrive-test-" + UUID.randomUUID();
        dlq = DeadLetter.topicFor(source, "conversation-service");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(source, 3, (short) 1), new NewTopic(dlq, 3, (short) 1)))
                    .all().get();
        }
    }

    @Test
    void movesTheMatchingLettersBackOnceWithTheirKeysValuesAndHeaders() {
        Instant before = Instant.now().minusSeconds(60);
        letter("k1", "{\"n\":1}", "MessageAttached", "poison", "missing field(s): record.id");
        letter("k2", "{\"n\":2}", "MessageAttached", "retries-exhausted", "failed 5 attempt(s): x (SQLSTATE 08006)");
        letter("k3", "{\"n\":3}", "DeliveryReportReceived", "retries-exhausted", "failed 5 attempt(s): y");

        RedriveFilter onlyAttachments = new RedriveFilter(Pattern.compile("SQLSTATE 08"), Set.of("MessageAttached"),
                null, before, null);
        Redrive.Result first;
        Redrive.Result second;
        try (Redrive redrive = new Redrive(client())) {
            first = redrive.redrive(dlq, onlyAttachments, false);
            second = redrive.redrive(dlq, onlyAttachments, false);
        }

        assertThat(first.moved()).isEqualTo(1);
        assertThat(first.filteredOut()).isEqualTo(2);
        assertThat(first.lines()).singleElement().asString().contains("-> " + source, "MessageAttached")
                .doesNotContain("{\"n\"");
        assertThat(second.moved()).isZero();
        assertThat(second.alreadyRedriven()).isEqualTo(1);
        List<ConsumerRecord<String, String>> republished = readAll(source, 1);
        assertThat(republished).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("k2");
            assertThat(r.value()).isEqualTo("{\"n\":2}");
            assertThat(DeadLetter.header(r.headers(), "ce_type")).isEqualTo("MessageAttached");
            assertThat(DeadLetter.header(r.headers(), "ce_id")).isEqualTo("id-k2"); // consumers de-duplicate by it
            assertThat(DeadLetter.header(r.headers(), DeadLetter.REASON)).isNull();
            assertThat(DeadLetter.header(r.headers(), Redrive.REDRIVEN_FROM)).startsWith(dlq + "/");
        });
    }

    @Test
    void theCommandMovesEverythingLeftAndADryRunMovesNothing() {
        letter("a", "{}", "T", "poison", "one");
        letter("b", "{}", "T", "poison", "two");

        String dry = run("--bootstrap-servers", bootstrap, "--dlq", dlq, "--dry-run");
        String real = run("--bootstrap-servers", bootstrap, "--dlq", dlq, "--kind", "poison");
        String again = run("--bootstrap-servers", bootstrap, "--dlq", dlq);

        assertThat(dry).contains(dlq + ": 2 to move, 0 moved before, 0 not matching");
        assertThat(real).contains(dlq + ": 2 moved, 0 moved before, 0 not matching");
        assertThat(again).contains(dlq + ": 0 moved, 2 moved before, 0 not matching");
        assertThat(readAll(source, 2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theCommandRefusesAmbiguousTargets() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RedriveCommand()).setErr(new PrintWriter(err))
                .execute("--bootstrap-servers", bootstrap);
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("name the topics with --dlq, or use --all");
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new RedriveCommand()).setOut(new PrintWriter(out)).execute(args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private void letter(String key, String value, String type, String kind, String reason) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", "id-" + key);
        add(headers, "ce_source", "/test");
        add(headers, "ce_type", type);
        add(headers, DeadLetter.REASON, reason);
        add(headers, DeadLetter.KIND, kind);
        add(headers, DeadLetter.SOURCE_TOPIC, source);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(dlq, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private Properties client() {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        return client;
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // nothing more than expected arrives shortly after
            consumer.poll(Duration.ofMillis(300)).forEach(out::add);
        }
        return out;
    }
}
