package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;

/**
 * "Why did this reply land on that record?": one decision in words ({@code explanation}, {@code details}) and as
 * data (the candidates, the rule, the inputs it looked at).
 *
 * @param explanation e.g. {@code 3 candidates; rule 2: owned by the seller of the business number}
 * @param details     the decision step by step, in sentences
 * @param rule        the stable key of the deciding rule ({@code rule-2}, {@code single-candidate}, {@code new-lead})
 * @param reason      the deciding rule in words, as sent in {@code MessageAttached.decidingRule}
 * @param inputs      null for decisions stored before the inputs were recorded
 */
public record DecisionExplanation(
        String provider,
        String providerMessageId,
        String inboundEventId,
        String customerNumber,
        String businessNumber,
        String explanation,
        List<String> details,
        RecordRef record,
        String rule,
        String reason,
        List<ExplainedCandidate> candidates,
        Inputs inputs,
        List<AlertRecipient> alerts,
        boolean leadCreated,
        Instant decidedAt,
        Instant attachPublishedAt) {

    /** A candidate as it was when deciding; {@code chosen} marks the record the message went to. */
    public record ExplainedCandidate(String id, RecordType type, String name, Owner owner, boolean active,
            Instant modifiedOn, boolean chosen) {
    }

    /**
     * What the rules looked at besides the candidates.
     *
     * @param lastConversationIsCandidate whether rule 1 could use the last conversation's record
     * @param steps                       how many candidates each rule kept, in order
     */
    public record Inputs(boolean businessNumberKnown, List<String> businessNumberOwnerSellerIds,
            List<String> businessNumberOwnerTeamIds, Map<String, List<String>> candidateOwnerSellerTeams,
            String lastConversationRecordId, Instant lastConversationAt, boolean lastConversationIsCandidate,
            List<String> steps, Map<String, String> teamNames) {
    }
}
