package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.smsconversations.events.RecordType;

/**
 * SPEC §4: which of the records carrying the customer's number gets the message. A pure function: no I/O, no clock,
 * the same input always gives the same answer, so a decision can be explained and replayed.
 * <p>
 * Each rule keeps the candidates that are best by its criterion; when that leaves one, the rule decided. A rule that
 * no remaining candidate satisfies (or that all satisfy equally) leaves the set as it was and the next rule looks.
 * Rule 7 (smallest id) always leaves one.
 */
public final class RoutingRules {

    private RoutingRules() {
    }

    /** The chosen record, or empty when there is no candidate (the caller then creates a lead). */
    public static Optional<RoutingChoice> choose(RoutingInput input) {
        List<Candidate> remaining = input.candidates().stream()
                .filter(Objects::nonNull)
                .collect(Collectors.toMap(Candidate::id, c -> c, (a, b) -> a))
                .values().stream()
                .sorted(Comparator.comparing(Candidate::id))
                .toList();
        if (remaining.isEmpty()) {
            return Optional.empty();
        }
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.SINGLE_CANDIDATE, "single candidate", List.of());
        }
        List<RoutingChoice.Step> steps = new ArrayList<>();

        // Rule 1: the record holding the most recent conversation with this customer on this business number.
        // No activity known, or on a record that no longer carries the number: the rule keeps every candidate.
        Optional<String> last = input.lastConversationRecordId();
        remaining = keep(remaining, c -> last.isPresent() && c.id().equals(last.get()),
                DecidingRule.MOST_RECENT_CONVERSATION, steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.MOST_RECENT_CONVERSATION,
                    "rule 1: most recent conversation", steps);
        }

        // Rule 2: owned by the seller the business number is assigned to.
        NumberAssignment number = input.assignment();
        remaining = keep(remaining, c -> c.ownerSellerId() != null && number.sellerIds().contains(c.ownerSellerId()),
                DecidingRule.SELLER_OF_NUMBER, steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.SELLER_OF_NUMBER,
                    "rule 2: owned by the seller of the business number", steps);
        }

        // Rule 3: owned by a team that owns the business number, or by a seller belonging to such a team.
        remaining = keep(remaining, c -> ownedByTeamOfNumber(c, number, input.sellers()), DecidingRule.TEAM_OF_NUMBER,
                steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.TEAM_OF_NUMBER,
                    "rule 3: owned by the team of the business number or one of its members", steps);
        }

        // Rule 4: contact, account, opportunity, lead (the order of RecordType).
        RecordType bestType = remaining.stream().map(Candidate::type).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        remaining = keep(remaining, c -> c.type() == bestType, DecidingRule.RECORD_TYPE, steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.RECORD_TYPE,
                    "rule 4: record type " + bestType.name().toLowerCase(Locale.ROOT), steps);
        }

        // Rule 5: an active record over an inactive one.
        remaining = keep(remaining, Candidate::active, DecidingRule.ACTIVE, steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.ACTIVE, "rule 5: active record", steps);
        }

        // Rule 6: the most recently modified (a record without a modification time counts as the oldest).
        Instant newest = remaining.stream().map(Candidate::modifiedOn).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        remaining = keep(remaining, c -> newest != null && newest.equals(c.modifiedOn()),
                DecidingRule.MOST_RECENTLY_MODIFIED, steps);
        if (remaining.size() == 1) {
            return decided(remaining.get(0), DecidingRule.MOST_RECENTLY_MODIFIED, "rule 6: most recently modified",
                    steps);
        }

        // Rule 7 (ours, for determinism): the smallest id. The list is sorted by id.
        steps.add(new RoutingChoice.Step(DecidingRule.SMALLEST_ID, remaining.size(), 1));
        return decided(remaining.get(0), DecidingRule.SMALLEST_ID, "rule 7: smallest id", steps);
    }

    private static boolean ownedByTeamOfNumber(Candidate c, NumberAssignment number, SellerDirectory sellers) {
        if (c.ownerTeamId() != null) {
            return number.teamIds().contains(c.ownerTeamId());
        }
        if (c.ownerSellerId() != null) {
            Set<String> teams = sellers.teamsOf(c.ownerSellerId());
            return teams.stream().anyMatch(number.teamIds()::contains);
        }
        return false;
    }

    /** The candidates satisfying {@code best}, or all of them when none does: a rule never empties the set. */
    private static List<Candidate> keep(List<Candidate> candidates, Predicate<Candidate> best, DecidingRule rule,
            List<RoutingChoice.Step> steps) {
        List<Candidate> kept = candidates.stream().filter(best).toList();
        List<Candidate> result = kept.isEmpty() ? candidates : kept;
        steps.add(new RoutingChoice.Step(rule, candidates.size(), result.size()));
        return result;
    }

    private static Optional<RoutingChoice> decided(Candidate record, DecidingRule rule, String reason,
            List<RoutingChoice.Step> steps) {
        return Optional.of(new RoutingChoice(record, rule, reason, steps));
    }
}
