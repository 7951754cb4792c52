package io.smsconversations.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tag;

import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;

/**
 * SPEC §4 as a property: the chosen record is the minimum of the candidates under the seven keys compared
 * lexicographically, the deciding rule is the first key that leaves it alone, and neither depends on the order in
 * which the candidates come. The reference below restates the rules independently of {@link RoutingRules}.
 * <p>
 * Small value domains (a few owners, four instants, short ids) make ties on every key frequent, so every rule gets
 * to decide in some of the tries.
 */
@Tag("fast")
class RoutingRulesPropertiesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final SellerDirectory SELLERS = SellerDirectory.of(List.of(
            new SellerInfo("sam", Set.of("team-south"), true),
            new SellerInfo("nina", Set.of("team-north"), true),
            new SellerInfo("olga", Set.of("team-south", "team-east"), false)));

    /** The seven keys of SPEC §4, smaller is better, in priority order. */
    private static List<Function<Candidate, Comparable<?>>> keys(RoutingInput input) {
        NumberAssignment number = input.assignment();
        String last = input.lastConversationRecordId().orElse(null);
        return List.of(
                c -> c.id().equals(last) ? 0 : 1,
                c -> c.ownerSellerId() != null && number.sellerIds().contains(c.ownerSellerId()) ? 0 : 1,
                c -> inTeamOfNumber(c, number) ? 0 : 1,
                c -> c.type().ordinal(),
                c -> c.active() ? 0 : 1,
                // newest first; an unknown time is the oldest
                c -> c.modifiedOn() == null ? Long.MAX_VALUE : -c.modifiedOn().toEpochMilli(),
                Candidate::id);
    }

    private static boolean inTeamOfNumber(Candidate c, NumberAssignment number) {
        if (c.ownerTeamId() != null) {
            return number.teamIds().contains(c.ownerTeamId());
        }
        return c.ownerSellerId() != null
                && SELLERS.teamsOf(c.ownerSellerId()).stream().anyMatch(number.teamIds()::contains);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Comparator<Candidate> lexicographic(RoutingInput input) {
        Comparator<Candidate> order = (a, b) -> 0;
        for (Function<Candidate, Comparable<?>> key : keys(input)) {
            order = order.thenComparing(c -> (Comparable) key.apply(c));
        }
        return order;
    }

    private static final DecidingRule[] RULES = { DecidingRule.MOST_RECENT_CONVERSATION,
            DecidingRule.SELLER_OF_NUMBER, DecidingRule.TEAM_OF_NUMBER, DecidingRule.RECORD_TYPE, DecidingRule.ACTIVE,
            DecidingRule.MOST_RECENTLY_MODIFIED, DecidingRule.SMALLEST_ID };

    @Property(tries = 500)
    void theChoiceIsTheLexicographicMinimumOfTheSevenKeys(@ForAll("inputs") RoutingInput input) {
        RoutingChoice choice = RoutingRules.choose(input).orElseThrow();
        // Every rule must get to decide in some tries, or the property proves little (checked after the run).
        Statistics.collect(choice.rule());
        Statistics.coverage(coverage -> {
            for (DecidingRule rule : DecidingRule.values()) {
                if (rule != DecidingRule.NEW_LEAD) {
                    coverage.check(rule).count(n -> n > 0);
                }
            }
        });

        Candidate expected = input.candidates().stream().min(lexicographic(input)).orElseThrow();
        assertThat(choice.record()).isEqualTo(expected);
        if (input.candidates().size() == 1) {
            assertThat(choice.rule()).isEqualTo(DecidingRule.SINGLE_CANDIDATE);
            return;
        }
        // The deciding rule: the first key after which no other candidate ties with the winner on all keys so far.
        List<Function<Candidate, Comparable<?>>> keys = keys(input);
        List<Candidate> tied = new ArrayList<>(input.candidates());
        int deciding = -1;
        for (int k = 0; k < keys.size() && deciding < 0; k++) {
            Function<Candidate, Comparable<?>> key = keys.get(k);
            Object best = key.apply(expected);
            tied.removeIf(c -> !key.apply(c).equals(best));
            if (tied.size() == 1) {
                deciding = k;
            }
        }
        assertThat(choice.rule()).isEqualTo(RULES[deciding]);
    }

    @Property(tries = 500)
    void theChoiceNeverDependsOnTheOrderOfTheCandidates(@ForAll("inputs") RoutingInput input,
            @ForAll Random random) {
        List<Candidate> shuffled = new ArrayList<>(input.candidates());
        Collections.shuffle(shuffled, random);

        Optional<RoutingChoice> original = RoutingRules.choose(input);
        Optional<RoutingChoice> reordered = RoutingRules.choose(new RoutingInput(shuffled, input.assignment(),
                input.sellers(), input.lastConversationRecordId()));

        assertThat(reordered).isEqualTo(original);
    }

    // --- generators

    @Provide
    Arbitrary<RoutingInput> inputs() {
        Arbitrary<List<Candidate>> candidates = candidate().list().ofMinSize(1).ofMaxSize(8)
                .uniqueElements(Candidate::id);
        Arbitrary<NumberAssignment> numbers = Combinators.combine(
                Arbitraries.of("sam", "nina", "olga").set().ofMaxSize(2),
                Arbitraries.of("team-north", "team-south").set().ofMaxSize(2))
                .as((sellers, teams) -> NumberAssignment.of("+14255550199", List.copyOf(sellers),
                        List.copyOf(teams)));
        return candidates.flatMap(list -> Combinators.combine(numbers, lastConversation(list))
                .as((number, last) -> new RoutingInput(list, number, SELLERS, last)));
    }

    /** Rule 1's input: none, one of the candidates, or a record that no longer carries the number. */
    private static Arbitrary<Optional<String>> lastConversation(List<Candidate> candidates) {
        List<Optional<String>> choices = new ArrayList<>();
        choices.add(Optional.empty());
        choices.add(Optional.of("moved-away"));
        candidates.forEach(c -> choices.add(Optional.of(c.id())));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Optional.<String> empty())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(choices)));
    }

    private static Arbitrary<Candidate> candidate() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(3);
        Arbitrary<Owner> owners = Arbitraries.of(Owner.seller("sam"), Owner.seller("nina"), Owner.seller("olga"),
                Owner.seller("ghost"), Owner.team("team-north"), Owner.team("team-south")).injectNull(0.15);
        Arbitrary<Instant> times = Arbitraries.of(T0, T0.plusMillis(1), T0.plusSeconds(60)).injectNull(0.2);
        return Combinators.combine(ids, Arbitraries.of(RecordType.class), owners, Arbitraries.of(true, false), times)
                .as((id, type, owner, active, modified) -> new Candidate(id, type, "name of " + id, owner, active,
                        modified));
    }
}
