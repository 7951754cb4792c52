package io.smsconversations.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

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
     * message id {@code controlId}), is on the topic, and nothing about the refused ones is ({@link PublishedSoFar}).
     */
    public static void assertOnlyControl(String controlId, String... refusedIds) {
        assertOnlyControlOn(TOPIC, controlId, refusedIds);
    }

    /** As {@link #assertOnlyControl(String, String...)} on another topic (subject = message id). */
    public static void assertOnlyControlOn(String topic, String controlId, String... refusedIds) {
        String[] all = new String[refusedIds.length + 1];
        System.arraycopy(refusedIds, 0, all, 0, refusedIds.length);
        all[refusedIds.length] = controlId;
        Set<String> ids = Set.of(all);
        assertThat(PublishedSoFar.subjects(topic, r -> ids.contains(r.subject()))).containsExactly(controlId);
    }

    /**
     * The subjects of every record about these ids on {@code sms.inbound-messages} and on {@code sms.delivery-reports}
     * so far (the webhooks answered already, the last of them a control that was accepted).
     */
    public static OnBothTopics onBothTopics(String... ids) {
        Set<String> wanted = Set.of(ids);
        return new OnBothTopics(PublishedSoFar.subjects(Topics.INBOUND_MESSAGES, r -> wanted.contains(r.subject())),
                PublishedSoFar.subjects(TOPIC, r -> wanted.contains(r.subject())));
    }

    /** What {@link #onBothTopics} found: subjects on sms.inbound-messages and on sms.delivery-reports. */
    public record OnBothTopics(List<String> messages, List<String> reports) {
    }
}
