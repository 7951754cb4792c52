package io.smsconversations.conversation.optout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.send.OutboundMessage;
import io.smsconversations.conversation.send.SendRequests;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.E164;

/**
 * The automatic answer to a keyword (issue 14 item 3): the STOP confirmation carriers require, the START
 * confirmation and the HELP text, each stored as an outbound {@code QUEUED} message of the conversation and handed to
 * the gateway through the outbox like a seller's send, in the transaction that stores the keyword.
 * <p>
 * Sent once: the answer's message id and source event id derive from the keyword's attach event, so a redelivered
 * attach event (already stored: nothing written) and a racing copy (its insert loses on the unique source event id)
 * make no second answer. The answer skips the seller's checks on purpose: the STOP confirmation goes to a customer
 * who has just opted out, and quiet hours do not apply to an immediate answer to the customer's own message.
 */
@ApplicationScoped
public class KeywordReplies {

    private static final Logger LOG = Logger.getLogger(KeywordReplies.class);

    private static final String PROVIDER = "SELECT provider FROM directory_business_number WHERE number = :number";

    private static final String BUMP_ACTIVITY = """
            UPDATE conversation SET last_activity_at = GREATEST(last_activity_at, :at) WHERE id = :id""";

    private final KeywordConfig config;
    private final ReplyTexts texts;
    private final SendRequests sendRequests;
    private final ConversationOutbox events;
    private final MeterRegistry registry;

    public KeywordReplies(KeywordConfig config, ReplyTexts texts, SendRequests sendRequests,
            ConversationOutbox events, MeterRegistry registry) {
        this.config = config;
        this.texts = texts;
        this.sendRequests = sendRequests;
        this.events = events;
        this.registry = registry;
    }

    /** The answer's idempotency key: the keyword's own event, so the answer exists once per keyword message. */
    public static String sourceEventId(String keywordSourceEventId) {
        return "keyword-reply:" + keywordSourceEventId;
    }

    public static UUID messageId(String keywordSourceEventId) {
        return UUID.nameUUIDFromBytes(sourceEventId(keywordSourceEventId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores the answer (rows only; {@link #announce} appends its events, after the caller's own rows, as the outbox's
     * lock order wants). Empty when answers are off, or when the business number is not in the directory projection
     * (its provider is unknown, so nothing could send it: logged and counted, the keyword itself still applies).
     */
    public Uni<Optional<ConversationMessage>> store(Conversation conversation, String keywordSourceEventId,
            Keyword keyword) {
        Optional<String> text = config.repliesEnabled()
                ? texts.answer(keyword, conversation.businessNumber)
                : Optional.empty();
        if (text.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PROVIDER, Object.class)
                        .setParameter("number", conversation.businessNumber)
                        .getSingleResultOrNull())
                .chain(provider -> {
                    if (provider == null) {
                        count(keyword, "no-provider");
                        LOG.warnf("No %s answer to %s from %s: business number %s is not in the directory projection, "
                                + "so its provider is unknown", keyword.kind(), keyword.word(),
                                E164.masked(conversation.customerNumber), E164.masked(conversation.businessNumber));
                        return Uni.createFrom().item(Optional.<ConversationMessage>empty());
                    }
                    ConversationMessage reply = reply(conversation, keywordSourceEventId, keyword, text.get(),
                            (String) provider);
                    return reply.persist()
                            .chain(() -> Panache.getSession().chain(session -> session
                                    .createNativeQuery(BUMP_ACTIVITY)
                                    .setParameter("at", reply.occurredAt)
                                    .setParameter("id", conversation.id)
                                    .executeUpdate()))
                            .replaceWith(Optional.of(reply));
                });
    }

    /** The answer's {@code SendRequested} and {@code ConversationMessageAdded}, in the caller's transaction. */
    public Uni<Void> announce(Conversation conversation, ConversationMessage reply) {
        return sendRequests.append(conversation, reply)
                .chain(() -> events.appendMessageAdded(conversation, reply))
                .invoke(() -> {
                    count(reply.autoReply, "queued");
                    LOG.infof("Queued the %s answer %s in conversation %s (to %s)", reply.autoReply, reply.id,
                            conversation.id, E164.masked(conversation.customerNumber));
                });
    }

    private static ConversationMessage reply(Conversation conversation, String keywordSourceEventId, Keyword keyword,
            String text, String provider) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ConversationMessage message = OutboundMessage.queued(conversation, text, provider, now);
        message.id = messageId(keywordSourceEventId);
        message.sourceEventId = sourceEventId(keywordSourceEventId);
        message.autoReply = keyword.kind();
        return message;
    }

    private void count(Keyword keyword, String outcome) {
        count(keyword.kind(), outcome);
    }

    private void count(KeywordKind kind, String outcome) {
        registry.counter("conversation.keyword.replies", "kind", kind.name(), "outcome", outcome).increment();
    }
}
