package io.smsconversations.routing.decision;

import java.util.List;
import java.util.Optional;

/**
 * Everything the routing rules look at, already loaded.
 *
 * @param candidates               the records carrying the customer's number
 * @param assignment               who the business number is assigned to
 * @param sellers                  the team memberships of the candidates' owner sellers (rule 3)
 * @param lastConversationRecordId rule 1: the record holding the most recent conversation between this customer
 *                                 and this business number. Empty until the conversation-activity projection
 *                                 (fed by {@code sms.conversation-events}) exists; the rule is already applied
 *                                 when it is given.
 */
public record RoutingInput(List<Candidate> candidates, NumberAssignment assignment, SellerDirectory sellers,
        Optional<String> lastConversationRecordId) {

    public RoutingInput {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        sellers = sellers == null ? SellerDirectory.empty() : sellers;
        lastConversationRecordId = lastConversationRecordId == null ? Optional.empty() : lastConversationRecordId;
    }

    /** What the rules look at in {@code snapshot}: rule 1 sees its last conversation only while it is a candidate. */
    static RoutingInput of(RoutingSnapshot snapshot) {
        return new RoutingInput(snapshot.candidates(), snapshot.assignment(), snapshot.sellers(),
                snapshot.lastConversationCandidateId());
    }
}
