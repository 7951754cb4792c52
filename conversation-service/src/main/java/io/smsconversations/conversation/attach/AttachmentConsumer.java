package io.smsconversations.conversation.attach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.LogSafe;
import io.smsconversations.conversation.consume.ConsumedRecords;
import io.smsconversations.conversation.consume.RecordRetries;
import io.smsconversations.events.E164;

/**
 * Consumes routing-service's attach decisions ({@code Topics.MESSAGE_ATTACHMENTS}) and turns each into a stored
 * message and a {@code ConversationMessageAdded} event.
 * <p>
 * At least once, without duplicates: the record is acknowledged (its offset committed) only after the transaction
 * has committed; the transaction also wrote the event to the outbox, which the outbox relay publishes. A crash before
 * the acknowledgement redelivers the record; the message is then found by its source event id and nothing is written
 * again (its event was appended with it the first time).
 * <p>
 * Poison records are dead-lettered at once; database or broker failures are retried with backoff first.
 */
@ApplicationScoped
@Startup // creates the counters at start, so they are scraped (at 0) before the first record
public class AttachmentConsumer {

    public static final String CHANNEL = "message-attachments";

    private static final Logger LOG = Logger.getLogger(AttachmentConsumer.class);

    private final AttachmentReader reader;
    private final AttachmentRecorder recorder;
    private final RecordRetries retries;
    private final Counter storedInbound;
    private final Counter duplicates;
    private final Counter failedAttempts;
    private final Counter poisoned;
    private final Counter failed;

    @Inject
    public AttachmentConsumer(AttachmentReader reader, AttachmentRecorder recorder,
            RecordRetries retries, MeterRegistry registry) {
        this.reader = reader;
        this.recorder = recorder;
        this.retries = retries;
        this.storedInbound = Counter.builder("conversation.messages.stored")
                .description("Messages stored in conversations (repeats of an event not counted)")
                .tag("direction", "inbound")
                .register(registry);
        this.duplicates = Counter.builder("conversation.attach.duplicates")
                .description("Attach events received again (nothing was written)")
                .register(registry);
        this.failedAttempts = Counter.builder("conversation.attach.attempts.failed")
                .description("Attempts to store and publish an attach event that failed (each is retried)")
                .register(registry);
        this.poisoned = Counter.builder("conversation.attach.dead.lettered")
                .description("Attach records sent to the dead-letter topic")
                .tag("reason", "poison")
                .register(registry);
        this.failed = Counter.builder("conversation.attach.dead.lettered")
                .description("Attach records sent to the dead-letter topic")
                .tag("reason", "retries-exhausted")
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        Attachment attachment;
        try {
            attachment = reader.read(record);
        } catch (PoisonRecordException e) {
            return deadLetter(record, e);
        }
        return retries.retried(() -> recorder.record(attachment)
                .onFailure().invoke(failure -> {
                    failedAttempts.increment();
                    LOG.warnf("Storing or publishing attach event %s failed: %s", attachment.sourceEventId(),
                            failure.getClass().getName());
                }))
                .onItemOrFailure().transformToUni((recorded, failure) -> failure == null
                        ? accepted(record, attachment, recorded)
                        : deadLetter(record, failure));
    }

    private Uni<Void> accepted(Message<String> record, Attachment attachment, AttachmentRecorder.Recorded recorded) {
        if (recorded.duplicate()) {
            duplicates.increment();
            LOG.infof("Attach event %s was stored before as message %s; nothing written",
                    attachment.sourceEventId(), recorded.message().id);
        } else {
            storedInbound.increment();
            LOG.infof("Stored inbound message %s of attach event %s in conversation %s"
                    + " (%s %s, customer %s, business %s)",
                    recorded.message().id, attachment.sourceEventId(), recorded.conversation().id,
                    attachment.record().type(), attachment.record().id(),
                    E164.masked(attachment.customerNumber()), E164.masked(attachment.businessNumber()));
        }
        return Uni.createFrom().completionStage(record::ack);
    }

    private Uni<Void> deadLetter(Message<String> record, Throwable failure) {
        String where = ConsumedRecords.where(record);
        if (failure instanceof PoisonRecordException) {
            poisoned.increment();
            LOG.warnf("Attach record %s refused, sending it to the dead-letter topic: %s", where,
                    LogSafe.text(failure.getMessage()));
        } else {
            failed.increment();
            LOG.errorf("Attach record %s failed %d retries, sending it to the dead-letter topic: %s", where,
                    retries.maxRetries(), LogSafe.failure(failure));
        }
        return Uni.createFrom().completionStage(() -> record.nack(failure));
    }
}
