package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.message;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static io.smsconversations.notification.ConversationEvents.unprivileged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class InboxTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @SuppressWarnings("unchecked")
    void anInboundMessageNotifiesEachRecipientAndNoOneElse() {
        String owner = unique("seller");
        String teammate = unique("seller");
        String stranger = unique("seller");
        String body = "Hello, I would like to know more about the offer. ".repeat(4);
        ConversationMessageAdded event = inbound(body, privileged(owner), privileged(teammate));

        publish(event);

        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(owner), event.conversationId()).size() == 1);
        Map<String, Object> notification = Inbox.about(TestTokens.seller(owner), event.conversationId()).get(0);
        assertThat(notification.get("id")).isNotNull();
        assertThat(notification.get("kind")).isEqualTo("INBOUND_MESSAGE");
        assertThat(notification.get("title")).isEqualTo("New SMS from ***0123");
        String preview = body.strip().replaceAll("\\s+", " ").substring(0, 80);
        assertThat(notification.get("text")).isEqualTo("Ada Lovelace: " + preview + "…");
        Map<String, Object> link = (Map<String, Object>) notification.get("link");
        assertThat(link).containsEntry("conversationId", event.conversationId())
                .containsEntry("recordId", event.record().id())
                .containsEntry("recordType", "CONTACT");
        assertThat(Instant.parse((String) notification.get("createdAt"))).isBefore(Instant.now().plusSeconds(5));
        assertThat(notification.get("readAt")).isNull();

        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(teammate), event.conversationId()).size() == 1);
        assertThat(Inbox.of(TestTokens.seller(stranger))).isEmpty();
    }

    @Test
    void aRecipientWithoutTheSellerPrivilegeLearnsThatItIsMissing() {
        String seller = unique("seller");
        String body = "Secret offer details";
        ConversationMessageAdded event = inbound(body, unprivileged(seller));

        publish(event);

        // a token without the seller role: such a seller must still be able to read this
        String token = TestTokens.token(seller);
        await().atMost(WAIT).until(() -> Inbox.about(token, event.conversationId()).size() == 1);
        Map<String, Object> notification = Inbox.about(token, event.conversationId()).get(0);
        assertThat(notification.get("kind")).isEqualTo("MISSING_SELLER_PRIVILEGE");
        assertThat((String) notification.get("text")).contains("contact your administrator")
                .contains("Ada Lovelace")
                .doesNotContain(body);
        assertThat((String) notification.get("title")).doesNotContain(body);
    }

    @Test
    void aDuplicateEventMakesNoSecondNotification() {
        String seller = unique("seller");
        ConversationMessageAdded event = inbound("first", privileged(seller));
        ConversationMessageAdded later = sameConversation(event, "second", privileged(seller));

        publish(event);
        publish(event);
        publish(later); // same key, so processed after both copies

        String token = TestTokens.seller(seller);
        await().atMost(WAIT).until(() -> Inbox.about(token, event.conversationId()).size() >= 2);
        List<String> texts = Inbox.about(token, event.conversationId()).stream()
                .map(n -> (String) n.get("text")).toList();
        assertThat(texts).containsExactly("Ada Lovelace: second", "Ada Lovelace: first");
    }

    @Test
    void outboundMessagesAndOtherEventTypesMakeNoNotification() {
        String seller = unique("seller");
        ConversationMessageAdded outbound = message(MessageDirection.OUTBOUND, "we sent this", privileged(seller));
        ConversationMessageAdded marker = sameConversation(outbound, "a reply", privileged(seller));

        publish(outbound);
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, outbound.conversationId(),
                unique("opt-out"), EventTypes.CONVERSATION_OPT_OUT_CHANGED,
                Map.of("conversationId", outbound.conversationId(), "optedOut", true));
        publish(marker);

        String token = TestTokens.seller(seller);
        await().atMost(WAIT).until(() -> !Inbox.about(token, outbound.conversationId()).isEmpty());
        assertThat(Inbox.of(token)).extracting(n -> n.get("text")).containsExactly("Ada Lovelace: a reply");
    }

    @Test
    void pagesNewestFirstWithACursor() {
        String seller = unique("seller");
        ConversationMessageAdded first = inbound("one", privileged(seller));
        ConversationMessageAdded second = sameConversation(first, "two", privileged(seller));
        ConversationMessageAdded third = sameConversation(first, "three", privileged(seller));
        publish(first);
        publish(second);
        publish(third);
        String token = TestTokens.seller(seller);
        await().atMost(WAIT).until(() -> Inbox.of(token).size() == 3);

        var page1 = given().auth().oauth2(token).queryParam("limit", 2).get("/api/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.text")).containsExactly("Ada Lovelace: three", "Ada Lovelace: two");
        long cursor = page1.getLong("nextBefore");
        assertThat(cursor).isEqualTo(page1.getLong("items[1].id"));

        var page2 = given().auth().oauth2(token).queryParam("limit", 2).queryParam("before", cursor)
                .get("/api/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.text")).containsExactly("Ada Lovelace: one");
        assertThat(page2.get("nextBefore") == null).isTrue();
        assertThat(page2.getLong("items[0].id")).isLessThan(cursor);
    }

    @Test
    void refusesCallersWithoutTokenAndBadPaging() {
        given().when().get("/api/notifications").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not-a-token").when().get("/api/notifications").then().statusCode(401)
                .contentType("application/problem+json");

        String token = TestTokens.seller(unique("seller"));
        given().auth().oauth2(token).queryParam("limit", 0).get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("limit", 201).get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body(containsString("limit"));
        given().auth().oauth2(token).queryParam("limit", "ten").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit"));
        given().auth().oauth2(token).queryParam("before", "abc").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("before"));
        given().auth().oauth2(token).get("/api/notifications")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("nextBefore", equalTo(null));
    }

    @Test
    void aCursorMustBeOneOfTheCallersNotifications() {
        String owner = unique("seller");
        ConversationMessageAdded event = inbound("hi", privileged(owner));
        publish(event);
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(owner), event.conversationId()).size() == 1);
        Object id = Inbox.about(TestTokens.seller(owner), event.conversationId()).get(0).get("id");

        given().auth().oauth2(TestTokens.seller(unique("seller"))).queryParam("before", id)
                .get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString("before"));
    }

    static ConversationMessageAdded sameConversation(ConversationMessageAdded event, String body,
            AlertRecipient... alerts) {
        return new ConversationMessageAdded(event.conversationId(), unique("msg"), event.record(),
                event.customerNumber(), event.businessNumber(), MessageDirection.INBOUND, body, Instant.now(),
                List.of(alerts));
    }
}
