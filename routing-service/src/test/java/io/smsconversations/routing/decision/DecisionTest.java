package io.smsconversations.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;
import io.smsconversations.routing.activity.LastConversation;

/** What the router records for a verdict, without the router: the decision, its inputs and its attach event. */
@Tag("fast")
class DecisionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant DECIDED = Instant.parse("2026-11-24T08:00:00.250Z");
    private static final String CUSTOMER = "+14255550100";
    private static final String BUSINESS = "+14255550199";
    private static final InboundMessageReceived MESSAGE = new InboundMessageReceived("twilio", "SM1", CUSTOMER,
            BUSINESS, "Hi", T0, List.of(), 1);
    private static final InboundEvent EVENT = new InboundEvent("in-1", MESSAGE);
    private static final NumberAssignment NUMBER = NumberAssignment.of(BUSINESS, List.of("sam"), List.of("t-north"));
    private static final SellerDirectory SELLERS = SellerDirectory.of(List.of(
            new SellerInfo("sam", Set.of("t-south", "t-north"), true),
            new SellerInfo("olga", Set.of("t-east"), false)));

    private static final Candidate OLGAS = new Candidate("z-9", RecordType.CONTACT, "Zed", Owner.seller("olga"), true,
            T0);
    private static final Candidate SAMS = new Candidate("a-1", RecordType.ACCOUNT, "Acme", Owner.seller("sam"), true,
            T0);
    private static final Candidate TEAMS = new Candidate("m-5", RecordType.LEAD, "Mo", Owner.team("t-north"), false,
            null);

    @Test
    void aChosenRecordIsRecordedWithTheCandidatesSortedAndEverythingTheRulesLookedAt() {
        RoutingSnapshot snapshot = snapshot(List.of(OLGAS, TEAMS, SAMS),
                Optional.of(new LastConversation("m-5", T0)));
        RoutingChoice choice = RoutingRules.choose(RoutingInput.of(snapshot)).orElseThrow();

        Decision decision = Decision.made(EVENT, snapshot, Verdict.chosen(choice, snapshot), DECIDED);

        assertThat(decision.candidateIds()).containsExactly("a-1", "m-5", "z-9");
        assertThat(decision.record().id()).isEqualTo("m-5");
        assertThat(decision.rule()).isEqualTo(DecidingRule.MOST_RECENT_CONVERSATION);
        assertThat(decision.leadCreated()).isFalse();
        assertThat(decision.decidedAt()).isEqualTo(DECIDED);
        assertThat(decision.provider()).isEqualTo("twilio");
        assertThat(decision.providerMessageId()).isEqualTo("SM1");
        assertThat(decision.alerts()).containsExactly(new AlertRecipient("sam", true));
        DecisionInputs inputs = decision.inputs();
        assertThat(inputs.numberKnown()).isTrue();
        assertThat(inputs.numberOwnerSellerIds()).containsExactly("sam");
        assertThat(inputs.numberOwnerTeamIds()).containsExactly("t-north");
        assertThat(inputs.ownerSellerTeams()).isEqualTo(Map.of("olga", List.of("t-east"),
                "sam", List.of("t-north", "t-south")));
        assertThat(inputs.lastConversationRecordId()).isEqualTo("m-5");
        assertThat(inputs.lastConversationAt()).isEqualTo(T0);
        assertThat(inputs.steps()).isEqualTo(choice.steps().stream().map(RoutingChoice.Step::toString).toList());
        assertThat(inputs.teamNames()).isEqualTo(Map.of("t-north", "North"));
    }

    @Test
    void ruleOneSeesTheLastConversationOnlyWhileItsRecordIsACandidate() {
        RoutingSnapshot gone = snapshot(List.of(OLGAS, SAMS), Optional.of(new LastConversation("m-5", T0)));

        assertThat(RoutingInput.of(gone).lastConversationRecordId()).isEmpty();
        Decision decision = Decision.made(EVENT, gone,
                Verdict.chosen(RoutingRules.choose(RoutingInput.of(gone)).orElseThrow(), gone), DECIDED);
        assertThat(decision.rule()).isEqualTo(DecidingRule.SELLER_OF_NUMBER);
        // the explanation still says what rule 1 saw
        assertThat(decision.inputs().lastConversationRecordId()).isEqualTo("m-5");
    }

    @Test
    void aLeadIsRecordedAsTheNewLeadRuleWithItsOwnersAlerted() {
        RoutingSnapshot nothing = snapshot(List.of(), Optional.empty());
        DirectoryRecord lead = Leads.newLead(Leads.leadId(CUSTOMER, 0), CUSTOMER, NUMBER, DECIDED);

        Decision decision = Decision.made(EVENT, nothing, Verdict.newLead(lead, nothing), lead.modifiedOn());

        assertThat(decision.rule()).isEqualTo(DecidingRule.NEW_LEAD);
        assertThat(decision.reason()).isEqualTo("new lead");
        assertThat(decision.leadCreated()).isTrue();
        assertThat(decision.record().id()).isEqualTo(lead.id());
        assertThat(decision.record().owner()).isEqualTo(Owner.seller("sam"));
        assertThat(decision.alerts()).containsExactly(new AlertRecipient("sam", true));
        assertThat(decision.candidates()).isEmpty();
        assertThat(decision.inputs().steps()).isEmpty();
        assertThat(decision.inputs().lastConversationRecordId()).isNull();
    }

    @Test
    void theAttachEventSaysWhatRuleOneSawUnlessTheDecisionWasStoredWithoutInputs() {
        RoutingSnapshot snapshot = snapshot(List.of(SAMS), Optional.of(new LastConversation("a-1", T0)));
        Decision decision = Decision.made(EVENT, snapshot,
                Verdict.chosen(RoutingRules.choose(RoutingInput.of(snapshot)).orElseThrow(), snapshot), DECIDED);

        MessageAttached attached = decision.attach(MESSAGE);

        assertThat(attached.decidedAt()).isEqualTo(DECIDED);
        assertThat(attached.lastConversationRecordId()).isEqualTo("a-1");
        assertThat(attached.lastConversationAt()).isEqualTo(T0);
        assertThat(attached.decidingRule()).isEqualTo("single candidate");

        Decision old = new Decision("in-0", "twilio", "SM0", CUSTOMER, BUSINESS, List.of(), decision.record(),
                decision.rule(), decision.reason(), decision.alerts(), false, DECIDED, null);
        assertThat(old.attach(MESSAGE).decidedAt()).isNull();
        assertThat(old.attach(MESSAGE).lastConversationRecordId()).isNull();
    }

    private static RoutingSnapshot snapshot(List<Candidate> candidates, Optional<LastConversation> last) {
        return new RoutingSnapshot(candidates, NUMBER, true, SELLERS, last, Map.of("t-north", "North"));
    }
}
