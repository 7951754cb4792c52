package io.smsconversations.conversation.send;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.directory.SendingNumberQueries;
import io.smsconversations.conversation.outbox.ConversationOutbox;
import io.smsconversations.conversation.insight.ResponseTimes;
import io.smsconversations.conversation.optout.OptOutKeywords;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.conversation.quiet.QuietHours;
import io.smsconversations.conversation.quiet.QuietHoursConfig;
import io.smsconversations.conversation.quiet.ScheduledSend;
import io.smsconversations.conversation.quiet.ScheduledSends;
import io.smsconversations.conversation.quiet.Verdict;
import io.smsconversations.conversation.template.RenderTarget;
import io.smsconversations.conversation.template.TemplateRenderer;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.unread.ReadMarks;
import io.smsconversations.events.E164;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A seller's send from the conversation pane (SPEC §5): the checks, then, in one transaction, the {@code QUEUED}
 * message, its {@code SendRequested} for the gateway and its {@code ConversationMessageAdded}, both through the
 * outbox. A refused send writes nothing.
 */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    private static final String RECORD_HAS_NUMBER = """
            SELECT 1 FROM directory_record_phone WHERE record_id = $1 AND number = $2""";

    private static final String PROVIDER = "SELECT provider FROM directory_business_number WHERE number = $1";

    private static final String BUMP_ACTIVITY = """
            UPDATE conversation SET last_activity_at = GREATEST(last_activity_at, :at) WHERE id = :id""";

    /**
     * @param created false when the Idempotency-Key named a send made before: that message is answered, nothing new
     */
    public record Sent(ConversationMessage message, ScheduledSend scheduled, boolean created) {

        Sent(ConversationMessage message, boolean created) {
            this(message, null, created);
        }

        static Sent scheduled(ScheduledSend scheduled, boolean created) {
            return new Sent(null, scheduled, created);
        }
    }

    private final ConversationQueries conversations;
    private final SendingNumberQueries sendingNumbers;
    private final OptOuts optOuts;
    private final SendRequests sendRequests;
    private final OptOutKeywords keywords;
    private final ConversationOutbox events;
    private final Pool pool;
    private final TemplateRenderer renderer;
    private final ReadMarks readMarks;
    private final QuietHours quietHours;
    private final QuietHoursConfig quietHoursConfig;
    private final ScheduledSends scheduledSends;
    private final ResponseTimes responseTimes;

    Sender(ConversationQueries conversations, SendingNumberQueries sendingNumbers, OptOuts optOuts,
            SendRequests sendRequests, OptOutKeywords keywords, ConversationOutbox events, Pool pool,
            TemplateRenderer renderer, ReadMarks readMarks, QuietHours quietHours, QuietHoursConfig quietHoursConfig,
            ScheduledSends scheduledSends, ResponseTimes responseTimes) {
        this.conversations = conversations;
        this.sendingNumbers = sendingNumbers;
        this.optOuts = optOuts;
        this.sendRequests = sendRequests;
        this.keywords = keywords;
        this.events = events;
        this.pool = pool;
        this.renderer = renderer;
        this.readMarks = readMarks;
        this.quietHours = quietHours;
        this.quietHoursConfig = quietHoursConfig;
        this.scheduledSends = scheduledSends;
        this.responseTimes = responseTimes;
    }

    /**
     * In named steps, each on one kind of connection: what is there (the visible conversation and what an earlier
     * request with the same Idempotency-Key made, on a session that closes after it), the refusals (read-only checks),
     * the text, then either the message (one transaction, {@link #store}) or the scheduled send.
     */
    public Uni<Sent> send(SendCommand command) {
        return Panache.withSession(() -> found(command))
                .chain(found -> found.earlier() != null
                        ? replay(found.earlier(), command.conversationId())
                        : fresh(command, found.conversation()))
                // Two requests with the same Idempotency-Key at once: the loser's insert hits the unique source event
                // id; it answers the winner's message, in a new session (the failed one is spent).
                .onFailure(failure -> command.idempotencyKey() != null && UniqueViolation.is(failure))
                .recoverWithUni(() -> Panache.withSession(() -> earlier(command.sourceEventId()))
                        .chain(earlier -> earlier == null
                                ? Uni.createFrom().failure(new IllegalStateException(
                                        "lost message " + command.sourceEventId()))
                                : replay(earlier, command.conversationId())));
    }

    /** The conversation the caller may see (else 404) and what an earlier request with the same key made, if any. */
    private Uni<Found> found(SendCommand command) {
        return conversations.requireVisible(command.caller(), command.conversationId())
                .chain(conversation -> earlier(command.sourceEventId())
                        .map(earlier -> new Found(conversation, earlier)));
    }

    private record Found(Conversation conversation, Sent earlier) {
    }

    /** A send not made before: the refusals, the text, then now or at the window's start. */
    private Uni<Sent> fresh(SendCommand command, Conversation conversation) {
        return checked(command.caller(), conversation)
                .chain(provider -> text(command, conversation)
                        .map(text -> new Outgoing(command.caller(), conversation, command.messageId(),
                                command.sourceEventId(), text,
                                command.templateId() == null ? null : command.templateId().toString(), provider)))
                .chain(outgoing -> sendOrSchedule(outgoing, command.whenAllowed()));
    }

    /**
     * A message about to be stored: who sends it, in which conversation, under which ids, its text and the template
     * it came from (or null), and the provider of the business number.
     */
    private record Outgoing(Caller caller, Conversation conversation, UUID messageId, String sourceEventId,
            String body, String templateId, String provider) {
    }

    /** What an earlier request with the same source event id made: its message, or its scheduled send. */
    private static Uni<Sent> earlier(String sourceEventId) {
        return ConversationMessage.<ConversationMessage>find("sourceEventId", sourceEventId).firstResult()
                .chain(message -> message != null
                        ? Uni.createFrom().item(new Sent(message, false))
                        : ScheduledSend.<ScheduledSend>find("sourceEventId", sourceEventId).firstResult()
                                .map(scheduled -> scheduled == null ? null : Sent.scheduled(scheduled, false)));
    }

    /** Quiet hours (issue 14 item 4), the last check: now, kept for the window's start, or refused. */
    private Uni<Sent> sendOrSchedule(Outgoing outgoing, boolean whenAllowed) {
        Conversation conversation = outgoing.conversation();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return quietHours.check(conversation.id, conversation.customerNumber, now).chain(verdict -> {
            if (verdict.allowed()) {
                return store(outgoing).map(message -> new Sent(message, true));
            }
            if (!whenAllowed || verdict.allowedFrom() == null) {
                throw SendProblems.quietHours(verdict, quietHoursConfig.replyGrace());
            }
            return scheduledSends.schedule(outgoing.caller(), conversation, outgoing.body(), outgoing.templateId(),
                    outgoing.sourceEventId(), verdict.allowedFrom(), now)
                    .map(scheduled -> Sent.scheduled(scheduled, true));
        });
    }

    /**
     * Releases a scheduled send at its time, in the caller's transaction (which holds its row): every check of a send
     * again, for the seller who asked, then the message as a send stores it. Answers the message, or fails with the
     * refusal a send would get now; outside the window again (the service was down past its end) it answers the
     * quiet-hours verdict to keep it for the next opening.
     */
    public Uni<Released> release(ScheduledSend scheduled) {
        Caller caller = new Caller(scheduled.sellerId, scheduled.admin);
        return Conversation.<Conversation>findById(scheduled.conversationId)
                .chain(conversation -> checked(caller, conversation)
                        .chain(provider -> quietHours.check(conversation.id, conversation.customerNumber,
                                Instant.now())
                                .chain(verdict -> verdict.allowed()
                                        ? store(new Outgoing(caller, conversation, UUID.randomUUID(),
                                                scheduled.sourceEventId, scheduled.body, scheduled.templateId,
                                                provider)).map(message -> new Released(message, null))
                                        : Uni.createFrom().item(new Released(null, verdict)))));
    }

    /** A release's outcome: the message sent, or the verdict that keeps it waiting. */
    public record Released(ConversationMessage message, Verdict notYet) {
    }

    private static Uni<Sent> replay(Sent earlier, UUID conversationId) {
        UUID earlierConversation = earlier.message() != null ? earlier.message().conversationId
                : earlier.scheduled().conversationId;
        if (!earlierConversation.equals(conversationId)) {
            return Uni.createFrom().failure(SendProblems.idempotencyKeyReused());
        }
        return Uni.createFrom().item(earlier);
    }

    /**
     * Every refusal of SPEC §5, in a fixed order; answers the provider of the business number. The opt-out check
     * here keeps the order of the refusals (409 before a template's problems); {@link #store} checks it again under
     * the pair's lock, which is the check that counts.
     */
    private Uni<String> checked(Caller caller, Conversation conversation) {
        return sendingNumbers.mayUse(caller, conversation.businessNumber)
                .invoke(mayUse -> {
                    if (!mayUse) {
                        throw SendProblems.notYourNumber();
                    }
                    if (!E164.normalise(conversation.customerNumber).map(conversation.customerNumber::equals)
                            .orElse(false)) {
                        throw SendProblems.invalidCustomerNumber();
                    }
                })
                .chain(() -> pool.preparedQuery(RECORD_HAS_NUMBER)
                        .execute(Tuple.of(conversation.recordId, conversation.customerNumber)))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw SendProblems.notARecordNumber();
                    }
                })
                .chain(() -> optOuts.state(conversation.customerNumber, conversation.businessNumber))
                .invoke(state -> {
                    if (state.optedOut()) {
                        throw SendProblems.optedOut(state, keywords.optInWords());
                    }
                })
                .chain(() -> pool.preparedQuery(PROVIDER).execute(Tuple.of(conversation.businessNumber)))
                .map(rows -> SenderCapability.check(conversation.businessNumber,
                        rows.iterator().next().getString("provider"), conversation.customerNumber));
    }

    /** The typed body, or the template filled as the preview fills it; a filled text is checked like a typed one. */
    private Uni<String> text(SendCommand command, Conversation conversation) {
        if (command.templateId() == null) {
            return Uni.createFrom().item(command.body());
        }
        return renderer.render(command.templateId(),
                new RenderTarget(conversation.recordId, conversation.businessNumber, command.values()),
                command.caller())
                .map(rendered -> {
                    String text = rendered.text();
                    if (text == null || text.isBlank()) {
                        throw SendProblems.emptyBody();
                    }
                    // Not the text's own length: a filling past the limit is cut there (TemplateRenderer).
                    if (!rendered.withinMaxLength()) {
                        throw SendProblems.bodyTooLong((int) Math.min(Integer.MAX_VALUE, rendered.length()));
                    }
                    return text;
                });
    }

    /**
     * The message, in one transaction: the pair's opt-out lock first (see OptOuts), as the check above may have raced
     * a STOP that was committing: under the lock the state cannot change until this send commits. Then rows, then
     * events (the outbox's lock order).
     */
    private Uni<ConversationMessage> store(Outgoing outgoing) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Conversation conversation = outgoing.conversation();
        ConversationMessage message = queued(outgoing, now);
        String sellerId = outgoing.caller().sellerId();
        return Panache.withTransaction(() -> optOuts.lockedState(conversation.customerNumber,
                conversation.businessNumber)
                .invoke(state -> {
                    if (state.optedOut()) {
                        throw SendProblems.optedOut(state, keywords.optInWords());
                    }
                })
                .chain(() -> message.persist())
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(BUMP_ACTIVITY)
                        .setParameter("at", now)
                        .setParameter("id", conversation.id)
                        .executeUpdate()))
                .chain(() -> responseTimes.answered(conversation.id, sellerId, now))
                .chain(() -> sendRequests.append(conversation, message))
                // Replying means having read what came before (SPEC §5 unread counts are the sender's own).
                .chain(() -> readMarks.markSent(conversation.id, sellerId, message.id, now))
                .chain(() -> events.appendMessageAdded(conversation, message))
                .invoke(() -> LOG.infof("Queued outbound message %s in conversation %s (to %s, %d segment(s), by %s)",
                        message.id, conversation.id, E164.masked(conversation.customerNumber), message.segments,
                        sellerId))
                .replaceWith(message));
    }

    /** The outbound message as a send stores it: the seller's, with the template it came from. */
    private static ConversationMessage queued(Outgoing outgoing, Instant now) {
        ConversationMessage message = OutboundMessage.queued(outgoing.conversation(), outgoing.body(),
                outgoing.provider(), now);
        message.id = outgoing.messageId();
        message.sourceEventId = outgoing.sourceEventId();
        message.sentBy = outgoing.caller().sellerId();
        message.templateId = outgoing.templateId();
        return message;
    }
}
