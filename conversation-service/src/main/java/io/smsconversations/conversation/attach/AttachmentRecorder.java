package io.smsconversations.conversation.attach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.events.ConversationEventPublisher;
import io.smsconversations.conversation.optout.OptOutKeywords;
import io.smsconversations.conversation.optout.OptOutSource;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationDraft;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.conversation.thread.Threads;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.MessageDirection;

/**
 * Stores an attached inbound message in one transaction: find or create its conversation, add the message, bump the
 * conversation's activity, let the alerted sellers see it (owners see it through the directory projection), and
 * append its {@code ConversationMessageAdded} (and a {@code ConversationOptOutChanged} when a keyword changed the
 * pair's state) to the outbox.
 */
@ApplicationScoped
public class AttachmentRecorder {

    /**
     * What the transaction left in the database.
     *
     * @param duplicate the attach event had been stored before; nothing was written this time
     */
    public record Recorded(Conversation conversation, ConversationMessage message, boolean duplicate) {
    }

    @Inject
    Threads threads;

    @Inject
    OptOuts optOuts;

    @Inject
    ConversationEventPublisher events;

    /**
     * Stores {@code attachment} unless its event was stored before; either way answers the stored message, so the
     * caller can (re-)publish the same event. A concurrent copy of the same event loses on the unique
     * {@code source_event_id} and fails this transaction; the retry then finds the stored message.
     */
    public Uni<Recorded> record(Attachment attachment) {
        return Panache.withTransaction(() -> ConversationMessage
                .<ConversationMessage>find("sourceEventId", attachment.sourceEventId()).firstResult()
                .chain(stored -> stored == null
                        ? storeNew(attachment)
                        : Conversation.<Conversation>findById(stored.conversationId)
                                .map(conversation -> new Recorded(conversation, stored, true))));
    }

    private Uni<Recorded> storeNew(Attachment attachment) {
        ConversationDraft draft = new ConversationDraft(attachment.record(), attachment.customerNumber(),
                attachment.businessNumber());
        // A keyword reply takes the pair's opt-out lock before any other lock, as a send does (see OptOuts): a send
        // racing it runs wholly before or wholly after it.
        Uni<Void> pairLocked = OptOutKeywords.optsOut(attachment.body()).isPresent()
                ? optOuts.lockPair(attachment.customerNumber(), attachment.businessNumber())
                : Uni.createFrom().voidItem();
        return pairLocked.chain(() -> threads.openForActivity(draft, attachment.occurredAt()))
                .chain(conversation -> {
                    ConversationMessage message = inboundMessage(conversation, attachment);
                    return message.persist()
                            .chain(() -> threads.addParticipants(conversation.id, participants(attachment)))
                            .chain(() -> events.appendMessageAdded(conversation, message))
                            .chain(() -> recordOptOutKeyword(conversation, attachment))
                            .replaceWith(new Recorded(conversation, message, false));
                });
    }

    /** SPEC §6: the reply is stored like any other, and a keyword also changes the pair's opt-out state. */
    private Uni<Void> recordOptOutKeyword(Conversation conversation, Attachment attachment) {
        return OptOutKeywords.keyword(attachment.body())
                .map(keyword -> recordKeyword(conversation, attachment, keyword))
                .orElse(Uni.createFrom().voidItem());
    }

    private Uni<Void> recordKeyword(Conversation conversation, Attachment attachment, String keyword) {
        boolean optedOut = OptOutKeywords.optsOut(keyword).orElseThrow();
        return optOuts.record(attachment.customerNumber(), attachment.businessNumber(), optedOut,
                attachment.occurredAt(), attachment.sourceEventId(), OptOutSource.keyword(keyword))
                .chain(changed -> changed
                        ? events.appendOptOutChanged(conversation.id.toString(), attachment.customerNumber(),
                                attachment.businessNumber(), optedOut, ConversationEventPublisher.CAUSE_KEYWORD,
                                attachment.sourceEventId(), attachment.occurredAt())
                        : Uni.createFrom().voidItem());
    }

    private static ConversationMessage inboundMessage(Conversation conversation, Attachment attachment) {
        ConversationMessage message = new ConversationMessage();
        message.id = UUID.randomUUID();
        message.conversationId = conversation.id;
        message.sourceEventId = attachment.sourceEventId();
        message.direction = MessageDirection.INBOUND;
        message.body = attachment.body();
        message.fromNumber = attachment.customerNumber();
        message.toNumber = attachment.businessNumber();
        message.provider = attachment.provider();
        message.providerMessageId = attachment.providerMessageId();
        message.occurredAt = attachment.occurredAt();
        message.storedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        message.segments = attachment.segments();
        message.media = new ConversationMessage.Media(attachment.media());
        message.alerts = new ConversationMessage.Alerts(attachment.alerts());
        return message;
    }

    /**
     * The alerted sellers: they may open the conversation a notification links to even when neither its record nor
     * its number is theirs. The record's owner is not stored here: it is read from the directory projection when
     * visibility is checked, so a re-assigned record takes its conversations along (SPEC §5).
     */
    private static List<String> participants(Attachment attachment) {
        return attachment.alerts().stream().map(AlertRecipient::sellerId).toList();
    }
}
