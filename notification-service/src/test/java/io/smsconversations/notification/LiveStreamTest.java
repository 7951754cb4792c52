package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static io.smsconversations.notification.ConversationEvents.unprivileged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.notification.live.NotificationHub;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class LiveStreamTest {

    /** SPEC §7 says within a second; a few here leaves room for a busy build machine. */
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Inject
    NotificationHub hub;

    @Test
    void aNewNotificationReachesEveryStreamOfItsRecipientAndNoOtherSeller() throws Exception {
        String seller = unique("seller");
        String other = unique("seller");
        try (SseClient tab1 = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient tab2 = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient otherTab = SseClient.connect(stream, TestTokens.seller(other))) {
            assertThat(hub.openStreams(seller)).isEqualTo(2);

            ConversationMessageAdded event = inbound("Can we meet tomorrow?", privileged(seller));
            publish(event);

            await().atMost(LIVE).until(() -> tab1.events().size() == 1 && tab2.events().size() == 1);
            SseClient.Event received = tab1.events().get(0);
            JsonNode data = JSON.readTree(received.data());
            assertThat(data.get("kind").asText()).isEqualTo("INBOUND_MESSAGE");
            assertThat(data.get("title").asText()).isEqualTo("New SMS from ***0123");
            assertThat(data.get("text").asText()).isEqualTo("Ada Lovelace: Can we meet tomorrow?");
            assertThat(data.get("link").get("conversationId").asText()).isEqualTo(event.conversationId());
            assertThat(data.get("readAt").isNull()).isTrue();
            // the SSE id is the notification id, the one the list shows (and Last-Event-ID will resume from)
            assertThat(received.id()).isEqualTo(data.get("id").asText());
            Map<String, Object> listed = Inbox.about(TestTokens.seller(seller), event.conversationId()).get(0);
            assertThat(received.id()).isEqualTo(String.valueOf(listed.get("id")));
            assertThat(tab2.events().get(0)).isEqualTo(received);
            // on the wire: the connected comment, then one event of exactly an id and one data line
            assertThat(tab1.linesWithoutHeartbeats()).containsExactly(":connected", "", "id:" + received.id(),
                    "data:" + received.data(), "");

            // the other seller's stream stays silent, even after a later notification of its own has arrived
            ConversationMessageAdded forOther = inbound("for the other seller", privileged(other));
            publish(forOther);
            await().atMost(LIVE).until(() -> otherTab.events().size() == 1);
            assertThat(JSON.readTree(otherTab.events().get(0).data()).get("link").get("conversationId").asText())
                    .isEqualTo(forOther.conversationId());
            assertThat(tab1.events()).hasSize(1);
        }
        await().atMost(LIVE).until(() -> hub.openStreams(seller) == 0 && hub.openStreams(other) == 0);
    }

    @Test
    void aSellerWithoutThePrivilegeIsToldLiveThatItIsMissing() throws Exception {
        String seller = unique("seller");
        try (SseClient tab = SseClient.connect(stream, TestTokens.token(seller))) {
            publish(inbound("a private reply", unprivileged(seller)));

            await().atMost(LIVE).until(() -> tab.events().size() == 1);
            JsonNode data = JSON.readTree(tab.events().get(0).data());
            assertThat(data.get("kind").asText()).isEqualTo("MISSING_SELLER_PRIVILEGE");
            assertThat(data.get("text").asText()).contains("contact your administrator")
                    .doesNotContain("a private reply");
        }
    }

    @Test
    void aDuplicateEventIsNotPushedTwice() throws Exception {
        String seller = unique("seller");
        try (SseClient tab = SseClient.connect(stream, TestTokens.seller(seller))) {
            ConversationMessageAdded event = inbound("once", privileged(seller));
            publish(event);
            publish(event);
            publish(InboxTest.sameConversation(event, "twice", privileged(seller)));

            await().atMost(LIVE).until(() -> tab.events().size() >= 2);
            Thread.sleep(500); // give a wrongly pushed copy the chance to show up
            assertThat(tab.events()).extracting(e -> JSON.readTree(e.data()).get("text").asText())
                    .containsExactly("Ada Lovelace: once", "Ada Lovelace: twice");
        }
    }

    @Test
    void refusesAStreamWithoutAValidToken() throws Exception {
        assertThat(SseClient.status(stream, null)).isEqualTo(401);
        assertThat(SseClient.status(stream, "not-a-token")).isEqualTo(401);
        given().accept("text/event-stream").when().get("/api/notifications/stream").then().statusCode(401);
    }
}
