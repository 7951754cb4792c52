package io.smsconversations.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationKind;

/** Who a move and a failed send notify, and in which words, once the owners are known: no database. */
@Tag("fast")
class MoveAndFailureAlertsTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final RecordRef CONTACT = new RecordRef("c-1", RecordType.CONTACT, "Ada Lovelace",
            Owner.seller("sam"));
    private static final RecordRef DEAL = new RecordRef("o-7", RecordType.OPPORTUNITY, "Big deal", Owner.team("t-1"));

    @Test
    void aMoveTellsTheOwnersOfBothRecordsOnceEachAndNotWhoMovedIt() {
        ConversationMoved moved = new ConversationMoved("m-1", "conv-1", CONTACT, DEAL, "+442071838750",
                "+14255550100", "nina", AT);

        List<NewNotification> notifications = ConversationMoveAlerts.notifications("e-1", moved,
                Set.of("sam", "bob"), Set.of("bob", "nina", "olga"));

        assertThat(notifications).extracting(NewNotification::recipientId)
                .containsExactlyInAnyOrder("sam", "bob", "olga");
        assertThat(notifications).allSatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CONVERSATION_MOVED);
            assertThat(n.title()).isEqualTo(ConversationMoveAlerts.TITLE);
            assertThat(n.link().recordId()).isEqualTo("o-7");
            assertThat(n.link().conversationId()).isEqualTo("conv-1");
            assertThat(n.text()).contains("***8750").doesNotContain("+442071838750");
        });
        assertThat(text(notifications, "sam")).isEqualTo(
                "The conversation with ***8750 was moved away from your record Ada Lovelace to Big deal.");
        assertThat(text(notifications, "bob")).isEqualTo(
                "The conversation with ***8750 was moved from your record Ada Lovelace to your record Big deal.");
        assertThat(text(notifications, "olga")).isEqualTo("The conversation with ***8750 was moved to your record "
                + "Big deal.");
    }

    @Test
    void aFailedSendTellsItsSenderAndTheRecordsOwnersWhyWithTheProvidersCode() {
        List<NewNotification> notifications = OutboundFailureAlerts.notifications("e-2",
                status(DeliveryStatus.UNDELIVERED, FailureReason.RecipientOptedOut, " 21610 ", "nina"),
                Set.of("sam", "nina"));

        assertThat(notifications).extracting(NewNotification::recipientId).containsExactly("nina", "sam");
        assertThat(text(notifications, "nina")).isEqualTo("Your message to ***8750 was not delivered: the recipient "
                + "opted out (RecipientOptedOut, provider code 21610)");
        assertThat(text(notifications, "sam")).isEqualTo("A message to ***8750 on Ada Lovelace was not delivered: "
                + "the recipient opted out (RecipientOptedOut, provider code 21610)");
        assertThat(notifications).allSatisfy(n -> assertThat(n.kind()).isEqualTo(NotificationKind.OUTBOUND_FAILED));
    }

    @Test
    void aFailureWithoutReasonOrCodeStillSaysSoAndOnlyFailuresNotify() {
        List<NewNotification> notifications = OutboundFailureAlerts.notifications("e-3",
                status(DeliveryStatus.FAILED, null, " ", " "), Set.of("sam"));

        assertThat(notifications).singleElement().satisfies(n -> assertThat(n.text())
                .endsWith("was not delivered: no reason was given (ProviderError)"));
        assertThat(OutboundFailureAlerts.notifications("e-4",
                status(DeliveryStatus.DELIVERED, null, null, "nina"), Set.of("sam"))).isEmpty();
        assertThat(OutboundFailureAlerts.notifications("e-5", status(null, null, null, "nina"), Set.of("sam")))
                .isEmpty();
    }

    @Test
    void everyReasonHasWordsOfItsOwn() {
        for (FailureReason reason : FailureReason.values()) {
            assertThat(OutboundFailureAlerts.reasonInWords(reason)).as(reason.name()).isNotBlank()
                    .doesNotContain(reason.name());
        }
    }

    private static ConversationMessageStatusChanged status(DeliveryStatus status, FailureReason reason, String code,
            String sentBy) {
        return new ConversationMessageStatusChanged("conv-1", "msg-1", CONTACT, "+442071838750", "+14255550100",
                sentBy, status, reason, code, "provider text", AT);
    }

    private static String text(List<NewNotification> notifications, String recipient) {
        return notifications.stream().filter(n -> n.recipientId().equals(recipient)).findFirst().orElseThrow().text();
    }
}
