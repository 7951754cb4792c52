package io.smsconversations.conversation.attach;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.insight.ResponseTimes;
import io.smsconversations.conversation.move.MoveLocks;
import io.smsconversations.conversation.optout.Keyword;
import io.smsconversations.conversation.optout.KeywordReplies;
import io.smsconversations.conversation.optout.OptOutKeywords;
import io.smsconversations.conversation.optout.OptOutSource;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationDraft;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.conversation.thread.Threads;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.E164;
import io.smsconversations.events.MessageDirection;

/**
 * Stores an attached inbound message in one transaction: find or create its conversation (or, for a reply routing
 * decided before it knew of a move, the moved conversation: {@link MoveRedirects}), add the message, bump the
 * conversation's activity, let the alerted sellers see it (owners see it through the directory projection), and
 * append its {@code ConversationMessageAdded} (and a {@code ConversationOptOutChanged} when a keyword changed the
 * pair's state) to the outbox; a keyword is answered in the same transaction ({@link KeywordReplies}).
 */
@ApplicationScoped
@Startup // creates its counter at start, so it is scraped (at 0) before the first redirect
public class AttachmentRecorder {

    private static final Logger LOG = Logger.getLogger(AttachmentRecorder.class);

    /**
     * What the transaction left in the database.
     *
     * @param duplicate the attach event had been stored before; nothing was written this time
     */
    public record Recorded(Conversation conversation, ConversationMessage message, boolean duplicate) {
    }

    private final Threads threads;
    private final OptOuts optOuts;
    private final ConversationOutbox events;
    private final MoveLocks moveLocks;
    private final MoveRedirects redirects;
    private final RedirectAlerts redirectAlerts;
    private final OptOutKeywords keywords;
    private final KeywordReplies keywordReplies;
    private final ResponseTimes responseTimes;
    private final Counter redirected;

    AttachmentRecorder(Threads threads, OptOuts optOuts, ConversationOutbox events, MoveLocks moveLocks,
            MoveRedirects redirects, RedirectAlerts redirectAlerts, OptOutKeywords keywords,
            KeywordReplies keywordReplies, ResponseTimes responseTimes, MeterRegistry registry) {
        this.threads = threads;
        this.optOuts = optOuts;
        this.events = events;
        this.moveLocks = moveLocks;
        this.redirects = redirects;
        this.redirectAlerts = redirectAlerts;
        this.keywords = keywords;
        this.keywordReplies = keywordReplies;
        this.responseTimes = responseTimes;
        this.redirected = Counter.builder("conversation.attach.redirected")
                .description("Replies routing decided before it knew of a move, stored in the moved conversation")
                .register(registry);
    }

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
        String customer = attachment.customerNumber();
        String business = attachment.businessNumber();
        // A keyword reply takes the pair's opt-out lock before any other lock, as a send does (see OptOuts): a send
        // racing it runs wholly before or wholly after it. Then the pair's move lock: a move committing meanwhile is
        // seen, a move starting meanwhile waits for this reply (which it then takes along).
        Uni<Void> pairLocked = keywords.optsOut(attachment.body()).isPresent()
                ? optOuts.lockPair(customer, business)
                : Uni.createFrom().voidItem();
        return pairLocked.chain(() -> moveLocks.lockPair(customer, business))
                .chain(() -> redirects.find(attachment))
                .chain(redirect -> redirect.isPresent()
                        ? storeRedirected(attachment, redirect.get())
                        : storeRouted(attachment));
    }

    /** Where routing decided: the record's conversation with the two numbers, opened if it has none. */
    private Uni<Recorded> storeRouted(Attachment attachment) {
        ConversationDraft draft = new ConversationDraft(attachment.record(), attachment.customerNumber(),
                attachment.businessNumber());
        return threads.openForActivity(draft, attachment.occurredAt())
                .chain(conversation -> store(conversation, inboundMessage(conversation, attachment,
                        attachment.alerts()), attachment));
    }

    /**
     * Routing decided before it knew of a move (see {@link MoveRedirects}): the moved conversation, announced on its
     * record, alerting that record's sellers; the message keeps the record routing chose and the move it followed.
     */
    private Uni<Recorded> storeRedirected(Attachment attachment, MoveRedirects.Redirect redirect) {
        return threads.bumpActivity(redirect.conversationId(), attachment.occurredAt())
                .chain(conversation -> redirectAlerts.of(conversation).chain(alerts -> {
                    ConversationMessage message = inboundMessage(conversation, attachment, alerts);
                    message.routedRecordId = attachment.record().id();
                    message.redirectMoveId = redirect.moveId();
                    return store(conversation, message, attachment)
                            .invoke(() -> {
                                redirected.increment();
                                LOG.infof("Attach event %s was decided for %s %s before move %s was known "
                                        + "(customer %s, business %s): stored in the moved conversation %s, on %s %s",
                                        attachment.sourceEventId(), attachment.record().type(),
                                        attachment.record().id(), redirect.moveId(),
                                        E164.masked(attachment.customerNumber()),
                                        E164.masked(attachment.businessNumber()), conversation.id,
                                        conversation.recordType, conversation.recordId);
                            });
                }));
    }

    private Uni<Recorded> store(Conversation conversation, ConversationMessage message, Attachment attachment) {
        Optional<Keyword> keyword = keywords.keyword(attachment.body());
        // Rows first (the reply, the keyword's answer), then the events: the outbox's lock order.
        return message.persist()
                .chain(() -> threads.addParticipants(conversation.id, participants(message)))
                // A keyword is answered automatically; any other message waits for a seller (response times).
                .chain(() -> keyword.isPresent()
                        ? keywordReplies.store(conversation, attachment.sourceEventId(), keyword.get())
                        : responseTimes.inbound(conversation.id, message.occurredAt)
                                .replaceWith(Optional.<ConversationMessage>empty()))
                .chain(answer -> events.appendMessageAdded(conversation, message)
                        .chain(() -> keyword.filter(Keyword::changesOptOut)
                                .map(k -> recordKeyword(conversation, attachment, k))
                                .orElse(Uni.createFrom().voidItem()))
                        .chain(() -> answer.map(reply -> keywordReplies.announce(conversation, reply))
                                .orElse(Uni.createFrom().voidItem())))
                .replaceWith(new Recorded(conversation, message, false));
    }

    /** SPEC §6: the reply is stored like any other, and an opt-out or opt-in keyword also changes the pair's state. */
    private Uni<Void> recordKeyword(Conversation conversation, Attachment attachment, Keyword keyword) {
        boolean optedOut = keyword.optsOut();
        return optOuts.record(attachment.customerNumber(), attachment.businessNumber(), optedOut,
                attachment.occurredAt(), attachment.sourceEventId(), OptOutSource.keyword(keyword.word()))
                .chain(changed -> changed
                        ? events.appendOptOutChanged(conversation.id.toString(), attachment.customerNumber(),
                                attachment.businessNumber(), optedOut, ConversationOutbox.CAUSE_KEYWORD,
                                attachment.sourceEventId(), attachment.occurredAt())
                        : Uni.createFrom().voidItem());
    }

    private static ConversationMessage inboundMessage(Conversation conversation, Attachment attachment,
            List<AlertRecipient> alerts) {
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
        message.alerts = new ConversationMessage.Alerts(alerts);
        return message;
    }

    /**
     * The alerted sellers: they may open the conversation a notification links to even when neither its record nor
     * its number is theirs. The record's owner is not stored here: it is read from the directory projection when
     * visibility is checked, so a re-assigned record takes its conversations along (SPEC §5).
     */
    private static List<String> participants(ConversationMessage message) {
        return message.alerts.items().stream().map(AlertRecipient::sellerId).toList();
    }
}
