package io.smsconversations.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/** Send requests in, send results out, on the real broker, for the outbound tests. */
public final class Sends {

    public static final Duration AWAIT = Duration.ofSeconds(30);
    /** Long enough for a fresh reader to see what was published already (the result of the first request). */
    public static final Duration QUIET_WINDOW = Duration.ofSeconds(4);

    private Sends() {
    }

    /** A request with fresh ids and numbers; the body is one word unique to it (it identifies the fake's calls). */
    public static SendRequested request(String provider) {
        String messageId = UUID.randomUUID().toString();
        return new SendRequested(messageId, "conv-" + UUID.randomUUID(), messageId, provider,
                number("+1206555"), number("+1425555"), "hello-" + UUID.randomUUID(), "seller-alice", 1,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    public static String number(String prefix) {
        return prefix + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    /** Publishes {@code request} as conversation-service does (binary CloudEvent, key the conversation). */
    public static void publish(KafkaTestClient kafka, SendRequested request) {
        kafka.publishEvent(Topics.SEND_REQUESTS, ConversationKey.of(request.to(), request.from()),
                EventIds.derived("send-requested", request.messageId()), EventTypes.SEND_REQUESTED, request);
    }

    /**
     * What one request led to on {@code sms.send-results}: every result seen, and the time window that brackets the
     * first one (its {@code acceptedAt} / {@code failedAt} must fall in it).
     */
    public record Outcome(List<CloudEventRecord> results, int expected, Instant start, Instant end) {

        /** The first result, after checking that exactly the expected number arrived. */
        public CloudEventRecord first() {
            assertThat(results).hasSize(expected);
            return results.get(0);
        }

        public SendAccepted assertAccepted(SendRequested request, String providerMessageId) {
            return Sends.assertAccepted(first(), request, providerMessageId, start, end);
        }

        public SendFailed assertFailed(SendRequested request, FailureReason reason, String code, String text) {
            return Sends.assertFailed(first(), request, failure(request, reason, code, text), start, end);
        }
    }

    /** Publishes {@code request} and waits for its one result. */
    public static Outcome send(KafkaTestClient kafka, SendRequested request) {
        Instant start = Instant.now();
        publish(kafka, request);
        List<CloudEventRecord> results = results(kafka, request, 1);
        return new Outcome(results, 1, start, Instant.now());
    }

    /**
     * Publishes {@code request}, waits for its result, then delivers the same request again (as a redelivery would)
     * and returns both results; the window brackets the first.
     */
    public static Outcome sendTwice(KafkaTestClient kafka, SendRequested request) {
        Instant start = Instant.now();
        publish(kafka, request);
        results(kafka, request, 1);
        Instant end = Instant.now();
        publish(kafka, request);
        return new Outcome(results(kafka, request, 2), 2, start, end);
    }

    /** Waits for {@code count} results about the request's message, then returns all seen in the quiet window. */
    public static List<CloudEventRecord> results(KafkaTestClient kafka, SendRequested request, int count) {
        kafka.await(Topics.SEND_RESULTS, r -> request.messageId().equals(r.subject()), count, AWAIT);
        return kafka.collect(Topics.SEND_RESULTS, r -> request.messageId().equals(r.subject()), QUIET_WINDOW);
    }

    /** Asserts every CloudEvents attribute and field of an accepted result; returns it. */
    public static SendAccepted assertAccepted(CloudEventRecord record, SendRequested request,
            String providerMessageId, Instant before, Instant after) {
        assertThat(record.id()).isEqualTo(EventIds.derived("send-accepted", request.requestId()));
        assertThat(record.type()).isEqualTo(EventTypes.SEND_ACCEPTED);
        assertThat(record.source()).isEqualTo(EventTypes.SOURCE_INBOUND_GATEWAY);
        assertThat(record.subject()).isEqualTo(request.messageId());
        assertThat(record.key()).isEqualTo(request.messageId());
        SendAccepted accepted = record.dataAs(SendAccepted.class);
        assertThat(accepted.acceptedAt()).isBetween(before.minusMillis(1), after);
        assertThat(java.time.ZonedDateTime.parse(record.time()).toInstant()).isEqualTo(accepted.acceptedAt());
        assertThat(accepted).isEqualTo(new SendAccepted(request.requestId(), request.conversationId(),
                request.messageId(), request.provider(), providerMessageId, accepted.acceptedAt()));
        return accepted;
    }

    /** Asserts every CloudEvents attribute and field of a failed result; returns it. */
    public static SendFailed assertFailed(CloudEventRecord record, SendRequested request, SendFailed expected,
            Instant before, Instant after) {
        assertThat(record.id()).isEqualTo(EventIds.derived("send-failed", request.requestId()));
        assertThat(record.type()).isEqualTo(EventTypes.SEND_FAILED);
        assertThat(record.source()).isEqualTo(EventTypes.SOURCE_INBOUND_GATEWAY);
        assertThat(record.subject()).isEqualTo(request.messageId());
        assertThat(record.key()).isEqualTo(request.messageId());
        SendFailed failed = record.dataAs(SendFailed.class);
        assertThat(failed.failedAt()).isBetween(before.minusMillis(1), after);
        assertThat(java.time.ZonedDateTime.parse(record.time()).toInstant()).isEqualTo(failed.failedAt());
        assertThat(failed).isEqualTo(new SendFailed(expected.requestId(), expected.conversationId(),
                expected.messageId(), expected.provider(), expected.reason(), expected.providerCode(),
                expected.providerText(), failed.failedAt()));
        return failed;
    }

    public static SendFailed failure(SendRequested request, FailureReason reason, String code, String text) {
        return new SendFailed(request.requestId(), request.conversationId(), request.messageId(), request.provider(),
                reason, code, text, null);
    }
}
