package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.RecordRef;

/**
 * What was decided for one inbound event: stored before the attach event is published, so that a redelivered event
 * republishes this very decision instead of deciding again on a directory that may have changed.
 *
 * @param candidates the candidates as they were when deciding (sorted by id); read back for a republication they
 *                   may carry only their ids (decisions stored before the explanation columns existed)
 * @param inputs     what else the decision looked at; null when unknown (read back for a republication)
 */
public record Decision(
        String inboundEventId,
        String provider,
        String providerMessageId,
        String customerNumber,
        String businessNumber,
        List<Candidate> candidates,
        RecordRef record,
        DecidingRule rule,
        String reason,
        List<AlertRecipient> alerts,
        boolean leadCreated,
        Instant decidedAt,
        DecisionInputs inputs) {

    public Decision {
        candidates = List.copyOf(candidates);
        alerts = List.copyOf(alerts);
    }

    /**
     * The decision {@code verdict} makes for {@code event}, with everything it looked at, so that it can be explained
     * later (candidates sorted by id).
     */
    static Decision made(InboundEvent event, RoutingSnapshot snapshot, Verdict verdict, Instant decidedAt) {
        List<Candidate> candidates = snapshot.candidates().stream().sorted(Comparator.comparing(Candidate::id))
                .toList();
        return new Decision(event.id(), event.message().provider(), event.message().providerMessageId(),
                event.from(), event.to(), candidates, verdict.record(), verdict.rule(), verdict.reason(),
                verdict.alerts(), verdict.leadCreated(), decidedAt, DecisionInputs.of(snapshot, verdict.steps()));
    }

    public List<String> candidateIds() {
        return candidates.stream().map(Candidate::id).toList();
    }

    /**
     * The attach event, with what rule 1 saw (so conversation-service can tell a decision that had not seen a move of
     * the conversation yet). A decision stored without its inputs says neither when nor what.
     */
    public MessageAttached attach(InboundMessageReceived message) {
        if (inputs == null) {
            return new MessageAttached(inboundEventId, message, record, reason, alerts);
        }
        return new MessageAttached(inboundEventId, message, record, reason, alerts, decidedAt,
                inputs.lastConversationRecordId(), inputs.lastConversationAt());
    }

    static DecidingRule ruleOf(String key) {
        return Arrays.stream(DecidingRule.values()).filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown rule key " + key));
    }
}
