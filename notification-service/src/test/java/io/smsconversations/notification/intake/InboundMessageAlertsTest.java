package io.smsconversations.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationKind;

/** The wording of the notifications, without the application: what a seller reads, and what it must not show. */
@Tag("fast")
class InboundMessageAlertsTest {

    private final InboundMessageAlerts alerts = new InboundMessageAlerts();

    @Test
    void previewIsOneLineOfAtMost80CharactersAndNeverSplitsACharacter() {
        assertThat(InboundMessageAlerts.preview("  Hello\n\nthere\tfriend  ")).isEqualTo("Hello there friend");
        assertThat(InboundMessageAlerts.preview("x".repeat(80))).isEqualTo("x".repeat(80));
        assertThat(InboundMessageAlerts.preview("x".repeat(81))).isEqualTo("x".repeat(80) + "…");
        String emoji = "😀".repeat(100); // two UTF-16 units each
        assertThat(InboundMessageAlerts.preview(emoji)).isEqualTo("😀".repeat(80) + "…");
        assertThat(InboundMessageAlerts.preview(null)).isEqualTo("(no text)");
        assertThat(InboundMessageAlerts.preview("   ")).isEqualTo("(no text)");
    }

    @Test
    void oneNotificationPerRecipientByPrivilegeAndNoneForABlankSellerId() {
        ConversationMessageAdded event = new ConversationMessageAdded("conv-1", "msg-1",
                new RecordRef("rec-1", RecordType.OPPORTUNITY, "Big deal", Owner.team("team-1")),
                "+442071838750", "+14255550100", MessageDirection.INBOUND, "Call me back about the price",
                Instant.now(), List.of(new AlertRecipient("s1", true), new AlertRecipient("s2", false),
                        new AlertRecipient(" ", true)));

        List<NewNotification> notifications = alerts.notificationsFor("event-1", event);

        assertThat(notifications).hasSize(2);
        NewNotification inbound = notifications.get(0);
        assertThat(inbound.kind()).isEqualTo(NotificationKind.INBOUND_MESSAGE);
        assertThat(inbound.recipientId()).isEqualTo("s1");
        assertThat(inbound.sourceEventId()).isEqualTo("event-1");
        assertThat(inbound.title()).isEqualTo("New SMS from ***8750").doesNotContain("+442071838750");
        assertThat(inbound.text()).isEqualTo("Big deal: Call me back about the price");
        assertThat(inbound.link().conversationId()).isEqualTo("conv-1");
        assertThat(inbound.link().recordId()).isEqualTo("rec-1");
        assertThat(inbound.link().recordType()).isEqualTo(RecordType.OPPORTUNITY);

        NewNotification missing = notifications.get(1);
        assertThat(missing.kind()).isEqualTo(NotificationKind.MISSING_SELLER_PRIVILEGE);
        assertThat(missing.recipientId()).isEqualTo("s2");
        assertThat(missing.text()).contains("contact your administrator").contains("Big deal")
                .doesNotContain("price").doesNotContain("+442071838750");
    }
}
