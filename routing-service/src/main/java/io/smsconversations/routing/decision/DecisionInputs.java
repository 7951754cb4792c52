package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smsconversations.routing.activity.LastConversation;

/**
 * What a decision looked at besides the candidates, kept with it so that "why did this reply land there?" can be
 * answered later, after the directory has changed. Stored as JSON in {@code routing_decision.inputs}.
 *
 * @param numberKnown              whether the business number was in the directory
 * @param numberOwnerSellerIds     the sellers the business number is assigned to (rule 2)
 * @param numberOwnerTeamIds       the teams the business number is assigned to (rule 3)
 * @param ownerSellerTeams         the team memberships of the candidates' owner sellers (rule 3)
 * @param lastConversationRecordId the record of the latest conversation activity on the two numbers (rule 1), or
 *                                 null when none is known
 * @param lastConversationAt       when that activity happened
 * @param steps                    how many candidates each rule kept, e.g. {@code rule-2: 1 of 3 kept}
 * @param teamNames                the names the teams above had at decision time (teams without a name are absent;
 *                                 decisions stored before teams had names have none)
 */
public record DecisionInputs(
        boolean numberKnown,
        List<String> numberOwnerSellerIds,
        List<String> numberOwnerTeamIds,
        Map<String, List<String>> ownerSellerTeams,
        String lastConversationRecordId,
        Instant lastConversationAt,
        List<String> steps,
        Map<String, String> teamNames) {

    public DecisionInputs {
        numberOwnerSellerIds = numberOwnerSellerIds == null ? List.of() : List.copyOf(numberOwnerSellerIds);
        numberOwnerTeamIds = numberOwnerTeamIds == null ? List.of() : List.copyOf(numberOwnerTeamIds);
        ownerSellerTeams = ownerSellerTeams == null ? Map.of() : new TreeMap<>(ownerSellerTeams);
        steps = steps == null ? List.of() : List.copyOf(steps);
        teamNames = teamNames == null ? Map.of() : new TreeMap<>(teamNames);
    }

    /** What a decision on {@code snapshot} looked at, with the rules' {@code steps}. */
    static DecisionInputs of(RoutingSnapshot snapshot, List<RoutingChoice.Step> steps) {
        Map<String, List<String>> ownerTeams = new TreeMap<>();
        snapshot.candidates().forEach(c -> {
            if (c.ownerSellerId() != null) {
                ownerTeams.put(c.ownerSellerId(), snapshot.sellers().teamsOf(c.ownerSellerId()).stream().sorted()
                        .toList());
            }
        });
        return new DecisionInputs(snapshot.numberKnown(), List.copyOf(snapshot.assignment().sellerIds()),
                List.copyOf(snapshot.assignment().teamIds()), ownerTeams,
                snapshot.lastConversation().map(LastConversation::recordId).orElse(null),
                snapshot.lastConversation().map(LastConversation::at).orElse(null),
                steps.stream().map(RoutingChoice.Step::toString).toList(), snapshot.teamNames());
    }
}
