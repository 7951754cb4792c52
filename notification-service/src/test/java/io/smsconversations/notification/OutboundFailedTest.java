package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.record;
import static io.smsconversations.notification.ConversationEvents.sameConversation;
import static io.smsconversations.notification.ConversationEvents.status;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** OUTBOUND_FAILED: a message that was not delivered notifies its sender and the record's owners, once each. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class OutboundFailedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHY = "was not delivered: the recipient opted out (RecipientOptedOut, provider code"
            + " 21610)";

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    @SuppressWarnings("unchecked")
    void notifiesTheSenderAndTheOwningTeamsMembersOnceEachAlsoLive() throws Exception {
        String team = unique("team");
        String sender = unique("seller"); // also a member of the owning team: still one notification
        String teammate = unique("seller");
        String stranger = unique("seller");
        Directory.seller(sender, team);
        Directory.seller(teammate, team, unique("team"));
        Directory.seller(stranger, unique("team"));
        Directory.awaitMembers(team, 2);
        RecordRef account = record("Contoso Ltd", Owner.team(team));
        ConversationMessageStatusChanged failed = status(account, sender, DeliveryStatus.FAILED,
                FailureReason.RecipientOptedOut, "21610");

        try (SseClient senderTab = SseClient.connect(stream, TestTokens.seller(sender));
                SseClient teammateTab = SseClient.connect(stream, TestTokens.seller(teammate))) {
            publish(failed);
            publish(failed); // a duplicate: nothing more
            // a later event of the same conversation (same partition): once it is in, the duplicate was processed
            ConversationMessageStatusChanged later = sameConversation(failed, DeliveryStatus.UNDELIVERED,
                    FailureReason.Unreachable, null);
            publish(later);

            String token = TestTokens.seller(sender);
            await().atMost(WAIT).until(() -> Inbox.about(token, failed.conversationId()).size() >= 2);
            List<Map<String, Object>> mine = Inbox.about(token, failed.conversationId());
            assertThat(mine).extracting(n -> n.get("text")).containsExactly(
                    "Your message to ***0123 was not delivered: the recipient's phone could not be reached"
                            + " (Unreachable)",
                    "Your message to ***0123 " + WHY);
            Map<String, Object> first = mine.get(1);
            assertThat(first.get("kind")).isEqualTo("OUTBOUND_FAILED");
            assertThat(first.get("title")).isEqualTo("SMS not delivered");
            assertThat((Map<String, Object>) first.get("link")).containsEntry("conversationId", failed.conversationId())
                    .containsEntry("recordId", account.id()).containsEntry("recordType", "ACCOUNT");

            String teammateToken = TestTokens.seller(teammate);
            await().atMost(WAIT).until(() -> Inbox.about(teammateToken, failed.conversationId()).size() >= 2);
            assertThat(Inbox.about(teammateToken, failed.conversationId())).extracting(n -> n.get("text"))
                    .containsExactly("A message to ***0123 on Contoso Ltd was not delivered: the recipient's"
                            + " phone could not be reached (Unreachable)",
                            "A message to ***0123 on Contoso Ltd " + WHY);
            assertThat(Inbox.of(TestTokens.seller(stranger))).isEmpty();

            // live: each stream got the two notifications, with the ids the list shows, nothing twice
            await().atMost(WAIT).until(() -> senderTab.events().size() >= 2 && teammateTab.events().size() >= 2);
            Thread.sleep(300);
            assertThat(senderTab.events()).hasSize(2);
            JsonNode pushed = JSON.readTree(senderTab.events().get(0).data());
            assertThat(pushed.get("text").asText()).isEqualTo("Your message to ***0123 " + WHY);
            assertThat(pushed.get("kind").asText()).isEqualTo("OUTBOUND_FAILED");
            assertThat(senderTab.events().get(0).id()).isEqualTo(String.valueOf(first.get("id")));
            assertThat(teammateTab.events()).hasSize(2);
        }
    }

    @Test
    void aSellerOwnedRecordNotifiesItsOwnerAndTheSenderAndOnlyOnceWhenTheyAreOne() {
        String owner = unique("seller");
        String sender = unique("seller");
        RecordRef contact = record("Ada Lovelace", Owner.seller(owner));
        ConversationMessageStatusChanged byColleague = status(contact, sender, DeliveryStatus.UNDELIVERED,
                FailureReason.Blocked, "30007");
        ConversationMessageStatusChanged byOwner = status(contact, owner, DeliveryStatus.FAILED, null, null);

        publish(byColleague);
        publish(byOwner);

        String ownerToken = TestTokens.seller(owner);
        await().atMost(WAIT).until(() -> Inbox.about(ownerToken, byColleague.conversationId()).size() == 1
                && Inbox.about(ownerToken, byOwner.conversationId()).size() == 1);
        assertThat(Inbox.about(ownerToken, byColleague.conversationId()).get(0).get("text")).isEqualTo(
                "A message to ***0123 on Ada Lovelace was not delivered: a carrier or the provider blocked it"
                        + " (Blocked, provider code 30007)");
        assertThat(Inbox.about(ownerToken, byOwner.conversationId()).get(0).get("text"))
                .isEqualTo("Your message to ***0123 was not delivered: no reason was given (ProviderError)");
        String senderToken = TestTokens.seller(sender);
        await().atMost(WAIT).until(() -> Inbox.about(senderToken, byColleague.conversationId()).size() == 1);
        assertThat(Inbox.about(senderToken, byColleague.conversationId()).get(0).get("text")).isEqualTo(
                "Your message to ***0123 was not delivered: a carrier or the provider blocked it"
                        + " (Blocked, provider code 30007)");
    }

    @Test
    void otherStatusesMakeNoNotificationAndAreNotDeadLettered() {
        String owner = unique("seller");
        RecordRef contact = record("Ada Lovelace", Owner.seller(owner));
        ConversationMessageStatusChanged queued = status(contact, owner, DeliveryStatus.QUEUED, null, null);
        ConversationMessageStatusChanged sent = sameConversation(queued, DeliveryStatus.SENT, null, null);
        ConversationMessageStatusChanged delivered = sameConversation(queued, DeliveryStatus.DELIVERED, null, null);
        ConversationMessageStatusChanged marker = sameConversation(queued, DeliveryStatus.FAILED,
                FailureReason.Expired, "30008");

        publish(queued);
        publish(sent);
        publish(delivered);
        publish(marker);

        String token = TestTokens.seller(owner);
        await().atMost(WAIT).until(() -> !Inbox.about(token, queued.conversationId()).isEmpty());
        assertThat(Inbox.of(token)).extracting(n -> n.get("text")).containsExactly("Your message to ***0123 was"
                + " not delivered: it expired before it could be delivered (Expired, provider code 30008)");
        List<String> ignored = List.of(ConversationEvents.eventId(queued), ConversationEvents.eventId(sent),
                ConversationEvents.eventId(delivered));
        assertThat(ConversationEvents.kafka().collect(DeadLetterTest.DLQ,
                r -> r.id() != null && ignored.contains(r.id()), Duration.ofSeconds(2))).isEmpty();
    }
}
