package io.smsconversations.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;

/** SPEC §4, one rule at a time: each test makes the rules above the one under test tie. */
@Tag("fast")
class RoutingRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final NumberAssignment NUMBER_OF_SAM = NumberAssignment.of("+14255550199", List.of("sam"),
            List.of("team-north"));
    private static final SellerDirectory SELLERS = SellerDirectory.of(List.of(
            new SellerInfo("sam", Set.of("team-north"), true),
            new SellerInfo("nina", Set.of("team-north"), true),
            new SellerInfo("olga", Set.of("team-south"), false)));

    @Test
    void noCandidateChoosesNothing() {
        assertThat(RoutingRules.choose(input(List.of()))).isEmpty();
    }

    @Test
    void aSingleCandidateIsChosenWhateverItIs() {
        Candidate inactiveLeadOfSomeoneElse = record("l-1", RecordType.LEAD, Owner.seller("olga"), false, null);

        RoutingChoice choice = choose(inactiveLeadOfSomeoneElse);

        assertThat(choice.record().id()).isEqualTo("l-1");
        assertThat(choice.rule()).isEqualTo(DecidingRule.SINGLE_CANDIDATE);
        assertThat(choice.reason()).isEqualTo("single candidate");
    }

    @Test
    void rule1TheRecordOfTheMostRecentConversationWinsOverEveryOtherRule() {
        Candidate contactOfSam = record("c-1", RecordType.CONTACT, Owner.seller("sam"), true, T0.plusSeconds(60));
        Candidate inactiveLeadOfOlga = record("l-2", RecordType.LEAD, Owner.seller("olga"), false, T0);

        RoutingChoice choice = RoutingRules.choose(new RoutingInput(List.of(contactOfSam, inactiveLeadOfOlga),
                NUMBER_OF_SAM, SELLERS, Optional.of("l-2"))).orElseThrow();

        assertThat(choice.record().id()).isEqualTo("l-2");
        assertThat(choice.rule()).isEqualTo(DecidingRule.MOST_RECENT_CONVERSATION);
        assertThat(choice.reason()).isEqualTo("rule 1: most recent conversation");
    }

    @Test
    void rule1IsSkippedWhenTheLastConversationIsOnARecordThatNoLongerCarriesTheNumber() {
        Candidate contactOfSam = record("c-1", RecordType.CONTACT, Owner.seller("sam"), true, T0);
        Candidate contactOfOlga = record("c-2", RecordType.CONTACT, Owner.seller("olga"), true, T0);

        RoutingChoice choice = RoutingRules.choose(new RoutingInput(List.of(contactOfSam, contactOfOlga),
                NUMBER_OF_SAM, SELLERS, Optional.of("moved-away"))).orElseThrow();

        assertThat(choice.rule()).isEqualTo(DecidingRule.SELLER_OF_NUMBER);
    }

    @Test
    void rule2ARecordOfTheSellerTheNumberIsAssignedToWins() {
        // The other record would win every later rule: a newer, active contact of the number's team.
        Candidate inactiveLeadOfSam = record("l-9", RecordType.LEAD, Owner.seller("sam"), false, T0);
        Candidate contactOfTeam = record("c-1", RecordType.CONTACT, Owner.team("team-north"), true,
                T0.plusSeconds(3600));

        RoutingChoice choice = choose(contactOfTeam, inactiveLeadOfSam);

        assertThat(choice.record().id()).isEqualTo("l-9");
        assertThat(choice.rule()).isEqualTo(DecidingRule.SELLER_OF_NUMBER);
        assertThat(choice.reason()).isEqualTo("rule 2: owned by the seller of the business number");
    }

    @Test
    void rule3ARecordOwnedByTheTeamOfTheNumberWins() {
        Candidate leadOfTeam = record("l-1", RecordType.LEAD, Owner.team("team-north"), true, T0);
        Candidate contactOfOlga = record("c-1", RecordType.CONTACT, Owner.seller("olga"), true, T0.plusSeconds(60));

        RoutingChoice choice = choose(contactOfOlga, leadOfTeam);

        assertThat(choice.record().id()).isEqualTo("l-1");
        assertThat(choice.rule()).isEqualTo(DecidingRule.TEAM_OF_NUMBER);
        assertThat(choice.reason()).startsWith("rule 3: ");
    }

    @Test
    void rule3ARecordOwnedByAMemberOfTheTeamOfTheNumberWins() {
        Candidate leadOfNina = record("l-1", RecordType.LEAD, Owner.seller("nina"), true, T0);
        Candidate contactOfOlga = record("c-1", RecordType.CONTACT, Owner.seller("olga"), true, T0.plusSeconds(60));
        Candidate unownedContact = record("c-2", RecordType.CONTACT, null, true, T0.plusSeconds(60));

        RoutingChoice choice = choose(contactOfOlga, unownedContact, leadOfNina);

        assertThat(choice.record().id()).isEqualTo("l-1");
        assertThat(choice.rule()).isEqualTo(DecidingRule.TEAM_OF_NUMBER);
    }

    @Test
    void rule4ContactBeforeAccountBeforeOpportunityBeforeLead() {
        Candidate lead = record("a", RecordType.LEAD, null, true, T0.plusSeconds(300));
        Candidate opportunity = record("b", RecordType.OPPORTUNITY, null, true, T0.plusSeconds(200));
        Candidate account = record("c", RecordType.ACCOUNT, null, true, T0.plusSeconds(100));
        Candidate inactiveContact = record("d", RecordType.CONTACT, null, false, T0);

        RoutingChoice withContact = choose(lead, opportunity, account, inactiveContact);
        RoutingChoice withoutContact = choose(lead, opportunity, account);

        assertThat(withContact.record().id()).isEqualTo("d");
        assertThat(withContact.rule()).isEqualTo(DecidingRule.RECORD_TYPE);
        assertThat(withContact.reason()).isEqualTo("rule 4: record type contact");
        assertThat(withoutContact.record().id()).isEqualTo("c");
        assertThat(withoutContact.reason()).isEqualTo("rule 4: record type account");
    }

    @Test
    void rule4AppliesAmongTheRecordsRule2Kept() {
        Candidate leadOfSam = record("a", RecordType.LEAD, Owner.seller("sam"), true, T0);
        Candidate accountOfSam = record("b", RecordType.ACCOUNT, Owner.seller("sam"), true, T0);
        Candidate contactOfOlga = record("c", RecordType.CONTACT, Owner.seller("olga"), true, T0);

        RoutingChoice choice = choose(leadOfSam, accountOfSam, contactOfOlga);

        assertThat(choice.record().id()).isEqualTo("b");
        assertThat(choice.reason()).isEqualTo("rule 4: record type account");
    }

    @Test
    void rule5AnActiveRecordOverAnInactiveOne() {
        Candidate inactiveNewer = record("a", RecordType.CONTACT, Owner.seller("olga"), false, T0.plusSeconds(60));
        Candidate active = record("b", RecordType.CONTACT, Owner.seller("olga"), true, T0);

        RoutingChoice choice = choose(inactiveNewer, active);

        assertThat(choice.record().id()).isEqualTo("b");
        assertThat(choice.rule()).isEqualTo(DecidingRule.ACTIVE);
        assertThat(choice.reason()).isEqualTo("rule 5: active record");
    }

    @Test
    void rule6TheMostRecentlyModifiedRecord() {
        Candidate older = record("a", RecordType.ACCOUNT, null, true, T0);
        Candidate newer = record("b", RecordType.ACCOUNT, null, true, T0.plusMillis(1));
        Candidate unknownTime = record("c", RecordType.ACCOUNT, null, true, null);

        RoutingChoice choice = choose(older, unknownTime, newer);

        assertThat(choice.record().id()).isEqualTo("b");
        assertThat(choice.rule()).isEqualTo(DecidingRule.MOST_RECENTLY_MODIFIED);
        assertThat(choice.reason()).isEqualTo("rule 6: most recently modified");
    }

    @Test
    void rule7TheSmallestIdWhenEverythingElseTies() {
        Candidate b = record("rec-b", RecordType.OPPORTUNITY, Owner.seller("sam"), true, T0);
        Candidate a = record("rec-a", RecordType.OPPORTUNITY, Owner.seller("sam"), true, T0);

        RoutingChoice choice = choose(b, a);

        assertThat(choice.record().id()).isEqualTo("rec-a");
        assertThat(choice.rule()).isEqualTo(DecidingRule.SMALLEST_ID);
        assertThat(choice.reason()).isEqualTo("rule 7: smallest id");
    }

    @Test
    void inactiveCandidatesOnlyAreStillChosenFrom() {
        Candidate older = record("a", RecordType.CONTACT, null, false, T0);
        Candidate newer = record("b", RecordType.CONTACT, null, false, T0.plusSeconds(1));

        RoutingChoice choice = choose(older, newer);

        // Rule 5 cannot separate two inactive records: rule 6 does.
        assertThat(choice.record().id()).isEqualTo("b");
        assertThat(choice.rule()).isEqualTo(DecidingRule.MOST_RECENTLY_MODIFIED);
    }

    @Test
    void anUnassignedNumberSkipsRules2And3() {
        Candidate contactOfSam = record("a", RecordType.CONTACT, Owner.seller("sam"), true, T0);
        Candidate accountOfSam = record("b", RecordType.ACCOUNT, Owner.seller("sam"), true, T0);

        RoutingChoice choice = RoutingRules.choose(new RoutingInput(List.of(accountOfSam, contactOfSam),
                NumberAssignment.unassigned("+14255550100"), SellerDirectory.empty(), Optional.empty()))
                .orElseThrow();

        assertThat(choice.rule()).isEqualTo(DecidingRule.RECORD_TYPE);
        assertThat(choice.record().id()).isEqualTo("a");
    }

    @Test
    void theSameRecordListedTwiceIsOneCandidate() {
        Candidate contact = record("a", RecordType.CONTACT, null, true, T0);

        assertThat(choose(contact, contact).rule()).isEqualTo(DecidingRule.SINGLE_CANDIDATE);
    }

    @Test
    void theOrderOfTheCandidatesDoesNotMatter() {
        List<Candidate> candidates = new ArrayList<>(List.of(
                record("a", RecordType.LEAD, null, true, T0),
                record("b", RecordType.ACCOUNT, Owner.seller("olga"), false, T0),
                record("c", RecordType.ACCOUNT, Owner.seller("olga"), true, T0.minusSeconds(5)),
                record("d", RecordType.ACCOUNT, Owner.seller("olga"), true, T0.minusSeconds(5))));
        RoutingChoice first = choose(candidates.toArray(Candidate[]::new));
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(candidates);
            assertThat(choose(candidates.toArray(Candidate[]::new))).isEqualTo(first);
        }
        assertThat(first.record().id()).isEqualTo("c");
        assertThat(first.rule()).isEqualTo(DecidingRule.SMALLEST_ID);
    }

    /**
     * The worked example where every rule is needed: each of rules 2 to 6 sets aside a record that would have won
     * every rule after it, rule 7 settles the last tie, and rule 1 is looked at first (its conversation is on a record
     * that no longer carries the number; had it been on one of the candidates, it alone would have decided).
     */
    @Test
    void theWorkedExampleWhereAllSevenRulesAreNeeded() {
        // +14255550199 is assigned to sellers sam and nina and to team-north; nina is in team-north, sam is not.
        NumberAssignment number = NumberAssignment.of("+14255550199", List.of("sam", "nina"), List.of("team-north"));
        SellerDirectory sellers = SellerDirectory.of(List.of(
                new SellerInfo("sam", Set.of("team-south"), true),
                new SellerInfo("nina", Set.of("team-north"), true),
                new SellerInfo("olga", Set.of("team-south"), true)));
        Instant newest = T0.plusSeconds(900);
        List<Candidate> candidates = List.of(
                record("a-olga", RecordType.CONTACT, Owner.seller("olga"), true, newest), // out at rule 2
                record("b-sam", RecordType.CONTACT, Owner.seller("sam"), true, newest), // out at rule 3
                record("c-lead", RecordType.LEAD, Owner.seller("nina"), true, newest), // out at rule 4
                record("d-inactive", RecordType.CONTACT, Owner.seller("nina"), false, newest), // out at rule 5
                record("e-older", RecordType.CONTACT, Owner.seller("nina"), true, T0), // out at rule 6
                record("n-y", RecordType.CONTACT, Owner.seller("nina"), true, T0.plusSeconds(300)), // out at rule 7
                record("n-x", RecordType.CONTACT, Owner.seller("nina"), true, T0.plusSeconds(300)));

        RoutingChoice choice = RoutingRules.choose(new RoutingInput(candidates, number, sellers,
                Optional.of("record-that-moved-away"))).orElseThrow();

        assertThat(choice.record().id()).isEqualTo("n-x");
        assertThat(choice.rule()).isEqualTo(DecidingRule.SMALLEST_ID);
        assertThat(choice.steps()).extracting(RoutingChoice.Step::toString).containsExactly(
                "rule-1: 7 of 7 kept",
                "rule-2: 6 of 7 kept",
                "rule-3: 5 of 6 kept",
                "rule-4: 4 of 5 kept",
                "rule-5: 3 of 4 kept",
                "rule-6: 2 of 3 kept",
                "rule-7: 1 of 2 kept");
        // Rule 1 outranks all of it once the last conversation is on a candidate, even the first one set aside.
        RoutingChoice withConversation = RoutingRules.choose(new RoutingInput(candidates, number, sellers,
                Optional.of("a-olga"))).orElseThrow();
        assertThat(withConversation.record().id()).isEqualTo("a-olga");
        assertThat(withConversation.rule()).isEqualTo(DecidingRule.MOST_RECENT_CONVERSATION);
        assertThat(withConversation.steps()).extracting(RoutingChoice.Step::toString)
                .containsExactly("rule-1: 1 of 7 kept");
    }

    private static RoutingChoice choose(Candidate... candidates) {
        return RoutingRules.choose(input(List.of(candidates))).orElseThrow();
    }

    private static RoutingInput input(List<Candidate> candidates) {
        return new RoutingInput(candidates, NUMBER_OF_SAM, SELLERS, Optional.empty());
    }

    private static Candidate record(String id, RecordType type, Owner owner, boolean active, Instant modifiedOn) {
        return new Candidate(id, type, "name of " + id, owner, active, modifiedOn);
    }
}
