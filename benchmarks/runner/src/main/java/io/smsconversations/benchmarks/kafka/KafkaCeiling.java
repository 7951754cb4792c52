package io.smsconversations.benchmarks.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ceiling B: what the suite's broker takes at most. Kafka's own {@code ProducerPerformance} (kafka-tools, the
 * broker's version) in a child JVM, acks=all, 1 KB records, as fast as it can, bounded by a record count; then the
 * latency of one synchronous send (acks=all, send and wait, one at a time), as a webhook that waits for its
 * acknowledgement pays at least once.
 */
public final class KafkaCeiling {

    private static final String TOPIC = "bench.ceiling-b";
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private KafkaCeiling() {
    }

    /** The last summary line of ProducerPerformance: its own throughput and latency figures. */
    public record Throughput(long records, double recordsPerSecond, double megabytesPerSecond, long p50Millis,
            long p99Millis) {
    }

    /** Latency of one synchronous send, in microseconds. */
    public record SyncSend(long sends, double p50Micros, double p99Micros, double maxMicros) {
    }

    public static Throughput producerPerformance(String bootstrap, long records, Path log) {
        createTopic(bootstrap);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC,
                "--num-records", Long.toString(records), "--record-size", "1024", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all");
        try {
            Process tool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!tool.waitFor(120, TimeUnit.SECONDS)) {
                tool.destroyForcibly();
                throw new IllegalStateException("ProducerPerformance did not finish within 120 s; see " + log);
            }
            String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
            java.util.regex.MatchResult last = null;
            Matcher line = SUMMARY.matcher(output);
            while (line.find()) {
                last = line.toMatchResult();
            }
            if (last == null) {
                throw new IllegalStateException("ProducerPerformance printed no summary; see " + log);
            }
            return new Throughput(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)),
                    Double.parseDouble(last.group(3)), Long.parseLong(last.group(6)), Long.parseLong(last.group(8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SyncSend syncSend(String bootstrap, int warmUp, int sends) {
        Histogram micros = new Histogram(60_000_000L, 3);
        byte[] value = new byte[1024];
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // one record, sent at once: Kafka 4's default linger of 5 ms would be measured instead of the broker
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < warmUp + sends; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, value)).get(30, TimeUnit.SECONDS);
                if (i >= warmUp) {
                    micros.recordValue((System.nanoTime() - start) / 1000);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a synchronous send failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new SyncSend(micros.getTotalCount(), micros.getValueAtPercentile(50), micros.getValueAtPercentile(99),
                micros.getMaxValue());
    }

    private static void createTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create " + TOPIC, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
