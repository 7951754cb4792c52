package io.smsconversations.conversation.attach;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.events.E164;

/**
 * Consumes routing-service's attach decisions ({@code Topics.MESSAGE_ATTACHMENTS}) and turns each into a stored
 * message and a {@code ConversationMessageAdded} event.
 * <p>
 * At least once, without duplicates: the record is acknowledged (its offset committed) only after the transaction
 * has committed; the transaction also wrote the event to the outbox, which the outbox relay publishes. A crash before
 * the acknowledgement redelivers the record; the message is then found by its source event id and nothing is written
 * again (its event was appended with it the first time). A database outage is waited out, the record unacknowledged;
 * a record that can never be stored is dead-lettered with the reason (event-consumers).
 */
@ApplicationScoped
@Startup // creates the counters at start, so they are scraped (at 0) before the first record
public class AttachmentConsumer {

    public static final String CHANNEL = "message-attachments";

    private static final Logger LOG = Logger.getLogger(AttachmentConsumer.class);

    private final AttachmentReader reader;
    private final AttachmentRecorder recorder;
    private final EventConsumers consumers;
    private final Counter storedInbound;
    private final Counter duplicates;

    public AttachmentConsumer(AttachmentReader reader, AttachmentRecorder recorder, EventConsumers consumers,
            MeterRegistry registry) {
        this.reader = reader;
        this.recorder = recorder;
        this.consumers = consumers;
        this.storedInbound = Counter.builder("conversation.messages.stored")
                .description("Messages stored in conversations (repeats of an event not counted)")
                .tag("direction", "inbound")
                .register(registry);
        this.duplicates = Counter.builder("conversation.attach.duplicates")
                .description("Attach events received again (nothing was written)")
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        return consumers.process(CHANNEL, record, event -> {
            Attachment attachment = reader.read(event);
            return recorder.record(attachment).invoke(recorded -> accepted(attachment, recorded));
        });
    }

    private void accepted(Attachment attachment, AttachmentRecorder.Recorded recorded) {
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
    }
}
