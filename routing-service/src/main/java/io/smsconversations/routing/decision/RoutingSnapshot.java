package io.smsconversations.routing.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smsconversations.routing.activity.LastConversation;

/**
 * The part of the directory one inbound message needs, read in one session before deciding.
 *
 * @param numberKnown      whether the business number is in the directory at all
 * @param lastConversation the latest conversation activity between the two numbers (rule 1), if any is known
 * @param teamNames        the names of the teams involved (the number's, the candidates' owners'), for the
 *                         explanation only: routing decides by team id
 */
public record RoutingSnapshot(List<Candidate> candidates, NumberAssignment assignment, boolean numberKnown,
        SellerDirectory sellers, Optional<LastConversation> lastConversation, Map<String, String> teamNames) {

    public RoutingSnapshot {
        lastConversation = lastConversation == null ? Optional.empty() : lastConversation;
        teamNames = teamNames == null ? Map.of() : Map.copyOf(teamNames);
    }

    public RoutingSnapshot(List<Candidate> candidates, NumberAssignment assignment, boolean numberKnown,
            SellerDirectory sellers, Optional<LastConversation> lastConversation) {
        this(candidates, assignment, numberKnown, sellers, lastConversation, Map.of());
    }

    /**
     * Rule 1's input: the record of the latest conversation, only while it is still among the candidates (a record
     * that no longer carries the number cannot receive the reply).
     */
    public Optional<String> lastConversationCandidateId() {
        return lastConversation.map(LastConversation::recordId)
                .filter(id -> candidates.stream().anyMatch(c -> c.id().equals(id)));
    }
}
