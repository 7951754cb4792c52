package io.smsconversations.consumers.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smsconversations.consumers.DeadLetter;

/**
 * Moves dead letters back to the topic they were consumed from, so that their consumer processes them again (after
 * the fix of whatever refused them). Each dead letter is re-published with its original key, value and headers (the
 * {@code dead-letter-*} ones removed, {@code redriven-from} added); once the source topic has acknowledged it, a
 * marker is appended to the dead-letter topic ({@code redrive-of: <partition>:<offset>}, no value), so a later run
 * skips it: re-driving is idempotent. A crash between the two writes can re-publish a letter a second time, which is
 * harmless because every consumer drops an event it has seen by its id.
 * <p>
 * A run reads each partition from its start to the end it had when the run began, so it is bounded even while new
 * letters arrive.
 */
public final class Redrive implements AutoCloseable {

    static final String MARKER = "redrive-of";
    static final String MARKER_TARGET = "redrive-to";
    static final String REDRIVEN_FROM = "redriven-from";

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofMinutes(5);

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;

    /** @param client Kafka client settings: {@code bootstrap.servers} and, where needed, security settings */
    public Redrive(Properties client) {
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(client);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        Properties producerConfig = new Properties();
        producerConfig.putAll(client);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    /** What one run did on one dead-letter topic; {@code lines} name each letter moved, never its content. */
    public record Result(String deadLetterTopic, int moved, int alreadyRedriven, int filteredOut, List<String> lines) {
    }

    /** The dead-letter topics on the cluster ({@code <topic>.dlq.<service>}). */
    public List<String> deadLetterTopics() {
        return consumer.listTopics().keySet().stream().filter(name -> name.contains(".dlq.")).sorted().toList();
    }

    /** Re-drives the letters of {@code deadLetterTopic} that {@code filter} accepts; {@code dryRun} only lists them. */
    public Result redrive(String deadLetterTopic, RedriveFilter filter, boolean dryRun) {
        List<ConsumerRecord<String, String>> letters = readAll(deadLetterTopic);
        Set<String> done = new HashSet<>();
        letters.stream().map(letter -> DeadLetter.header(letter.headers(), MARKER)).filter(m -> m != null)
                .forEach(done::add);
        List<ConsumerRecord<String, String>> chosen = new ArrayList<>();
        int already = 0;
        int filteredOut = 0;
        for (ConsumerRecord<String, String> letter : letters) {
            if (DeadLetter.header(letter.headers(), MARKER) != null) {
                continue;
            }
            if (done.contains(position(letter))) {
                already++;
            } else if (filter.accepts(letter)) {
                chosen.add(letter);
            } else {
                filteredOut++;
            }
        }
        List<String> lines = chosen.stream().map(letter -> describe(deadLetterTopic, letter)).toList();
        if (!dryRun) {
            move(deadLetterTopic, chosen);
        }
        return new Result(deadLetterTopic, dryRun ? 0 : chosen.size(), already, filteredOut, lines);
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }

    private void move(String deadLetterTopic, List<ConsumerRecord<String, String>> letters) {
        List<Future<RecordMetadata>> republished = new ArrayList<>();
        for (ConsumerRecord<String, String> letter : letters) {
            RecordHeaders headers = new RecordHeaders();
            letter.headers().forEach(h -> {
                if (!h.key().startsWith("dead-letter-")) {
                    headers.add(h);
                }
            });
            headers.add(REDRIVEN_FROM, (deadLetterTopic + "/" + position(letter)).getBytes(StandardCharsets.UTF_8));
            republished.add(producer.send(new ProducerRecord<>(sourceTopic(deadLetterTopic, letter), null,
                    letter.key(), letter.value(), headers)));
        }
        producer.flush();
        List<Future<RecordMetadata>> markers = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            await(republished.get(i), "re-publishing " + describe(deadLetterTopic, letters.get(i)));
            ConsumerRecord<String, String> letter = letters.get(i);
            RecordHeaders marker = new RecordHeaders();
            marker.add(MARKER, position(letter).getBytes(StandardCharsets.UTF_8));
            marker.add(MARKER_TARGET, sourceTopic(deadLetterTopic, letter).getBytes(StandardCharsets.UTF_8));
            markers.add(producer.send(new ProducerRecord<>(deadLetterTopic, letter.partition(), letter.key(), null,
                    marker)));
        }
        producer.flush();
        markers.forEach(future -> await(future, "marking a re-driven letter"));
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("no topic " + topic);
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (!reachedEnd(assigned, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + READ_LIMIT);
            }
            for (ConsumerRecord<String, String> letter : consumer.poll(POLL)) {
                if (letter.offset() < ends.get(new TopicPartition(letter.topic(), letter.partition()))) {
                    out.add(letter);
                }
            }
        }
        consumer.unsubscribe();
        return out;
    }

    private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private static String sourceTopic(String deadLetterTopic, ConsumerRecord<String, String> letter) {
        String named = DeadLetter.header(letter.headers(), DeadLetter.SOURCE_TOPIC);
        if (named != null && !named.isBlank()) {
            return named;
        }
        int dlq = deadLetterTopic.lastIndexOf(".dlq.");
        if (dlq <= 0) {
            throw new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic (<topic>.dlq.<service>)"
                    + " and its letter at " + position(letter) + " names no " + DeadLetter.SOURCE_TOPIC);
        }
        return deadLetterTopic.substring(0, dlq);
    }

    private static String position(ConsumerRecord<?, ?> letter) {
        return letter.partition() + ":" + letter.offset();
    }

    private static String describe(String deadLetterTopic, ConsumerRecord<String, String> letter) {
        String type = DeadLetter.header(letter.headers(), "ce_type");
        String reason = DeadLetter.header(letter.headers(), DeadLetter.REASON);
        return deadLetterTopic + " " + position(letter) + " -> " + sourceTopic(deadLetterTopic, letter) + " ("
                + (type == null ? "no ce_type" : type) + "; " + (reason == null ? "no reason" : reason) + ")";
    }

    private static void await(Future<RecordMetadata> future, String what) {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " failed: " + e.getClass().getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
