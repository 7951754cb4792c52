package io.smsconversations.routing.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.Owner;

@Tag("fast")
class AlertRecipientsTest {

    private static final NumberAssignment NUMBER = NumberAssignment.of("+14255550199", List.of("zoe"),
            List.of("team-north"));
    private static final SellerDirectory SELLERS = SellerDirectory.of(List.of(
            new SellerInfo("zoe", Set.of(), true),
            new SellerInfo("sam", Set.of("team-north"), true),
            new SellerInfo("nina", Set.of("team-north", "team-west"), false),
            new SellerInfo("olga", Set.of("team-south"), false)));

    @Test
    void aRecordOwnedByASellerAlertsThatSeller() {
        assertThat(AlertRecipients.forRecord(Owner.seller("olga"), NUMBER, SELLERS))
                .containsExactly(new AlertRecipient("olga", false));
    }

    @Test
    void anUnknownSellerIsAlertedWithoutThePrivilege() {
        assertThat(AlertRecipients.forRecord(Owner.seller("ghost"), NUMBER, SELLERS))
                .containsExactly(new AlertRecipient("ghost", false));
    }

    @Test
    void aRecordOwnedByATeamAlertsItsMembersWithTheirPrivilege() {
        assertThat(AlertRecipients.forRecord(Owner.team("team-north"), NUMBER, SELLERS))
                .containsExactly(new AlertRecipient("nina", false), new AlertRecipient("sam", true));
    }

    @Test
    void aRecordWithoutOwnerAlertsTheSellersOfTheNumberDirectlyOrThroughItsTeams() {
        assertThat(AlertRecipients.forRecord(null, NUMBER, SELLERS)).containsExactly(
                new AlertRecipient("nina", false), new AlertRecipient("sam", true), new AlertRecipient("zoe", true));
    }

    @Test
    void aTeamWithoutKnownMembersFallsBackToTheSellersOfTheNumber() {
        assertThat(AlertRecipients.forRecord(Owner.team("team-empty"), NUMBER, SELLERS)).extracting("sellerId")
                .containsExactly("nina", "sam", "zoe");
    }

    @Test
    void nobodyToAlertOnAnUnknownNumberForAnUnownedRecord() {
        assertThat(AlertRecipients.forRecord(null, NumberAssignment.unassigned("+14255550100"), SELLERS)).isEmpty();
    }
}
