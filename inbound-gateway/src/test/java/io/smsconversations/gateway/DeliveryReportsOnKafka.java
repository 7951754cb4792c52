package io.smsconversations.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/** Reads {@code sms.delivery-reports} back in the webhook tests of every provider. */
public final class DeliveryReportsOnKafka {

    public static final String TOPIC = Topics.DELIVERY_REPORTS;
    public static final Duration AWAIT = Duration.ofSeconds(30);
    /** Long enough for a fresh reader to join and read the topic; a control report proves it did. */
    public static final Duration QUIET_WINDOW = Duration.ofSeconds(4);

    private DeliveryReportsOnKafka() {
    }

    /** Every report about these provider message ids within the quiet window (the webhook answered already). */
    public static List<CloudEventRecord> about(KafkaTestClient kafka, String... messageIds) {
        Set<String> ids = Set.of(messageIds);
        return kafka.collect(TOPIC, r -> ids.contains(r.subject()), QUIET_WINDOW);
    }

    /**
     * Proves nothing about {@code refusedIds} was published: a control report, accepted after the refusals (its
     * message id {@code controlId}), is seen by the same reader, and nothing about the refused ones is.
     */
    public static void assertOnlyControl(KafkaTestClient kafka, String controlId, String... refusedIds) {
        assertOnlyControlOn(kafka, TOPIC, controlId, refusedIds);
    }

    /** As {@link #assertOnlyControl(KafkaTestClient, String, String...)} on another topic (subject = message id). */
    public static void assertOnlyControlOn(KafkaTestClient kafka, String topic, String controlId, String... refusedIds) {
        String[] all = new String[refusedIds.length + 1];
        System.arraycopy(refusedIds, 0, all, 0, refusedIds.length);
        all[refusedIds.length] = controlId;
        Set<String> ids = Set.of(all);
        assertThat(kafka.collect(topic, r -> ids.contains(r.subject()), QUIET_WINDOW)).extracting(CloudEventRecord::subject).containsExactly(controlId);
    }

    /**
     * The subjects of every record about these ids on {@code sms.inbound-messages} and on {@code sms.delivery-reports},
     * both topics read at once within one quiet window (the webhooks answered already).
     */
    public static OnBothTopics onBothTopics(KafkaTestClient kafka, String... ids) {
        Set<String> wanted = Set.of(ids);
        CompletableFuture<List<String>> messages = CompletableFuture.supplyAsync(() -> subjects(kafka,
                Topics.INBOUND_MESSAGES, wanted));
        List<String> reports = subjects(kafka, TOPIC, wanted);
        return new OnBothTopics(messages.join(), reports);
    }

    /** What {@link #onBothTopics} found: subjects on sms.inbound-messages and on sms.delivery-reports. */
    public record OnBothTopics(List<String> messages, List<String> reports) {
    }

    private static List<String> subjects(KafkaTestClient kafka, String topic, Set<String> ids) {
        return kafka.collect(topic, r -> ids.contains(r.subject()), QUIET_WINDOW).stream()
                .map(CloudEventRecord::subject).toList();
    }
}
