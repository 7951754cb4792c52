package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** Unread count, unread-first order, mark one and mark all read; a seller reaches only their own. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class ReadStateTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void marksOneReadAndCountsTheUnreadOnes() {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        List<Long> ids = notifications(seller, "one", "two", "three");
        given().auth().oauth2(token).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(3));

        String readAt = given().auth().oauth2(token).post("/api/notifications/" + ids.get(1) + "/read")
                .then().statusCode(200)
                .body("id", equalTo(ids.get(1).intValue()))
                .body("text", equalTo("Ada Lovelace: two"))
                .body("readAt", notNullValue())
                .extract().path("readAt");
        given().auth().oauth2(token).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(2));
        // again: still read, the first read time kept
        given().auth().oauth2(token).post("/api/notifications/" + ids.get(1) + "/read")
                .then().statusCode(200).body("readAt", equalTo(readAt));
        given().auth().oauth2(token).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(2));
        given().auth().oauth2(token).get("/api/notifications")
                .then().statusCode(200)
                .body("items.text", equalTo(List.of("Ada Lovelace: three", "Ada Lovelace: two", "Ada Lovelace: one")))
                .body("items[0].readAt", nullValue())
                .body("items[1].readAt", equalTo(readAt))
                .body("items[2].readAt", nullValue());
    }

    @Test
    void listsUnreadFirstOrNewestFirstAndPagesEither() {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        List<Long> ids = notifications(seller, "one", "two", "three");
        given().auth().oauth2(token).post("/api/notifications/" + ids.get(2) + "/read").then().statusCode(200);

        assertThat(texts(token, "unread-first", null, 50)).containsExactly("Ada Lovelace: two", "Ada Lovelace: one",
                "Ada Lovelace: three");
        assertThat(texts(token, "newest", null, 50)).containsExactly("Ada Lovelace: three", "Ada Lovelace: two",
                "Ada Lovelace: one");
        assertThat(texts(token, null, null, 50)).containsExactly("Ada Lovelace: three", "Ada Lovelace: two",
                "Ada Lovelace: one");

        var page1 = given().auth().oauth2(token).queryParam("order", "unread-first").queryParam("limit", 2)
                .get("/api/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.text")).containsExactly("Ada Lovelace: two", "Ada Lovelace: one");
        assertThat(page1.getLong("nextBefore")).isEqualTo(ids.get(0));
        assertThat(texts(token, "unread-first", ids.get(0), 2)).containsExactly("Ada Lovelace: three");
        // the last page says so
        given().auth().oauth2(token).queryParam("order", "unread-first").queryParam("before", ids.get(0))
                .queryParam("limit", 2).get("/api/notifications")
                .then().statusCode(200).body("nextBefore", nullValue());
    }

    @Test
    void marksAllReadOnlyForTheCaller() {
        String seller = unique("seller");
        String other = unique("seller");
        String token = TestTokens.seller(seller);
        notifications(seller, "one", "two");
        notifications(other, "theirs");

        given().auth().oauth2(token).post("/api/notifications/read-all")
                .then().statusCode(200).body("marked", equalTo(2));
        given().auth().oauth2(token).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(0));
        assertThat(Inbox.of(token)).allSatisfy(n -> assertThat(n.get("readAt")).isNotNull());
        given().auth().oauth2(token).post("/api/notifications/read-all")
                .then().statusCode(200).body("marked", equalTo(0));

        String otherToken = TestTokens.seller(other);
        given().auth().oauth2(otherToken).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(1));
        assertThat(Inbox.of(otherToken)).allSatisfy(n -> assertThat(n.get("readAt")).isNull());
    }

    @Test
    void aSellerCannotReadOrMarkAnothersNotification() {
        String owner = unique("seller");
        String stranger = unique("seller");
        long id = notifications(owner, "mine").get(0);
        String strangerToken = TestTokens.seller(stranger);

        given().auth().oauth2(strangerToken).post("/api/notifications/" + id + "/read")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString(String.valueOf(id)));
        given().auth().oauth2(strangerToken).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(0));
        given().auth().oauth2(strangerToken).post("/api/notifications/read-all")
                .then().statusCode(200).body("marked", equalTo(0));
        given().auth().oauth2(strangerToken).queryParam("order", "unread-first").queryParam("before", id)
                .get("/api/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("before"));
        // still unread for its owner
        given().auth().oauth2(TestTokens.seller(owner)).get("/api/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(1));
    }

    @Test
    void refusesBadRequestsAndCallersWithoutToken() {
        String token = TestTokens.seller(unique("seller"));
        given().auth().oauth2(token).post("/api/notifications/999999999/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).post("/api/notifications/abc/read")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("order", "oldest").get("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("order"));

        given().get("/api/notifications/unread-count").then().statusCode(401);
        given().post("/api/notifications/1/read").then().statusCode(401);
        given().post("/api/notifications/read-all").then().statusCode(401);
        given().auth().oauth2("not-a-token").post("/api/notifications/read-all").then().statusCode(401);
    }

    /** Publishes one inbound message per text for {@code seller} (oldest first) and returns their ids in order. */
    private static List<Long> notifications(String seller, String... texts) {
        ConversationMessageAdded first = inbound(texts[0], privileged(seller));
        publish(first);
        for (int i = 1; i < texts.length; i++) {
            publish(InboxTest.sameConversation(first, texts[i], privileged(seller)));
        }
        String token = TestTokens.seller(seller);
        await().atMost(WAIT).until(() -> Inbox.of(token).size() == texts.length);
        List<Long> ids = new ArrayList<>(
                Inbox.of(token).stream().map(n -> ((Number) n.get("id")).longValue()).toList());
        Collections.reverse(ids); // oldest first
        return ids;
    }

    private static List<String> texts(String token, String order, Long before, int limit) {
        var request = given().auth().oauth2(token).queryParam("limit", limit);
        if (order != null) {
            request.queryParam("order", order);
        }
        if (before != null) {
            request.queryParam("before", before);
        }
        return request.get("/api/notifications").then().statusCode(200).extract().jsonPath().getList("items.text");
    }
}
