package io.smsconversations.conversation.insight;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Issue 14 item 6 through the real broker and database: response times per conversation and per seller, kept as
 * messages are stored (keywords and automatic answers aside), shown only to whoever may see them.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class ResponseTimeFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();
    private static final String PROBLEMS = "https://sms-conversations.io/problems/";

    @Test
    void theFirstResponseAndTheWaitingMessagesOfAConversationAreKeptAsMessagesArrive() {
        // The customer wrote ten minutes ago (the provider's time), then twice more.
        Instant hello = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        String seller = Fixtures.unique("seller");
        Line line = Line.open(kafka, seller, seller, true, Fixtures.number(), hello);
        times(line).body("firstCustomerMessageAt", equalTo(hello.toString()))
                .body("firstResponseAt", nullValue()).body("unansweredInbound", equalTo(1))
                .body("unansweredSince", equalTo(hello.toString())).body("responses", equalTo(0));

        publish(kafka, attached(line.record(), line.customer(), line.business(), "Anyone there?",
                hello.plusSeconds(60), List.of()));
        // A keyword is answered automatically: it waits for no seller.
        publish(kafka, attached(line.record(), line.customer(), line.business(), "HELP", hello.plusSeconds(70),
                List.of()));
        awaitMessages(line.token(), line.conversationId(), 4);
        times(line).body("unansweredInbound", equalTo(2)).body("unansweredSince", equalTo(hello.toString()));

        line.send("Sorry for the wait").statusCode(202);
        Map<String, Object> answered = times(line).body("unansweredInbound", equalTo(0))
                .body("unansweredSince", nullValue()).body("firstResponder", equalTo(seller))
                .body("responses", equalTo(1)).extract().jsonPath().getMap("");
        long toFirst = ((Number) answered.get("timeToFirstResponseMillis")).longValue();
        assertThat(Duration.ofMillis(toFirst)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        assertThat(((Number) answered.get("averageResponseMillis")).longValue()).isEqualTo(toFirst);

        // Another customer message, answered at once: the first response stays, the average drops.
        publish(kafka, attached(line.record(), line.customer(), line.business(), "Great, thanks", Fixtures.now(),
                List.of()));
        await().atMost(EVENTUALLY).untilAsserted(() -> times(line).body("unansweredInbound", equalTo(1)));
        line.send("You're welcome").statusCode(202);
        Map<String, Object> twice = times(line).body("responses", equalTo(2)).body("unansweredInbound", equalTo(0))
                .body("timeToFirstResponseMillis", equalTo((int) toFirst)).extract().jsonPath().getMap("");
        assertThat(((Number) twice.get("averageResponseMillis")).longValue()).isLessThan(toFirst);
        // A second message of the seller answers nothing new.
        line.send("Anything else?").statusCode(202);
        times(line).body("responses", equalTo(2));

        given().auth().oauth2(TestTokens.seller(seller)).when()
                .get("/api/insights/sellers/" + seller + "/response-times").then().statusCode(200)
                .body("sellerId", equalTo(seller)).body("responses", equalTo(2)).body("firstResponses", equalTo(1))
                .body("averageTimeToFirstResponseMillis", equalTo((int) toFirst))
                .body("unansweredInbound", equalTo(0)).body("conversationsAwaitingReply", equalTo(0));
    }

    @Test
    void aSellersWaitingMessagesAreThoseOfTheConversationsTheyMaySeeNow() {
        String seller = Fixtures.unique("seller");
        Instant old = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Line first = Line.open(kafka, seller, seller, true, Fixtures.number(), old);
        Line second = Line.open(kafka, seller, seller, true, Fixtures.number(), Instant.now());
        publish(kafka, attached(second.record(), second.customer(), second.business(), "And another thing",
                Fixtures.now(), List.of()));
        awaitMessages(second.token(), second.conversationId(), 2);

        ValidatableResponse mine = given().auth().oauth2(first.token()).when()
                .get("/api/insights/sellers/" + seller + "/response-times").then().statusCode(200)
                .body("unansweredInbound", equalTo(3)).body("conversationsAwaitingReply", equalTo(2))
                .body("oldestUnansweredSince", equalTo(old.toString())).body("responses", equalTo(0))
                .body("averageResponseMillis", nullValue());
        assertThat(mine.extract().path("firstResponses").toString()).isEqualTo("0");

        // An admin reads it too; another seller may not, and sees neither conversation's.
        String stranger = Fixtures.unique("stranger");
        given().auth().oauth2(TestTokens.admin("insight-admin")).when()
                .get("/api/insights/sellers/" + seller + "/response-times").then().statusCode(200)
                .body("unansweredInbound", equalTo(3));
        given().auth().oauth2(TestTokens.seller(stranger)).when()
                .get("/api/insights/sellers/" + seller + "/response-times").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-your-insight"));
        given().auth().oauth2(TestTokens.seller(stranger)).when()
                .get("/api/insights/sellers/" + stranger + "/response-times").then().statusCode(200)
                .body("unansweredInbound", equalTo(0)).body("responses", equalTo(0));
        given().auth().oauth2(TestTokens.seller(stranger)).when()
                .get("/api/conversations/" + first.conversationId() + "/response-times").then().statusCode(404);
        given().when().get("/api/insights/sellers/" + seller + "/response-times").then().statusCode(401);
        given().auth().oauth2(TestTokens.seller(seller)).when()
                .get("/api/insights/sellers/" + "x".repeat(129) + "/response-times").then().statusCode(400);
        given().auth().oauth2(TestTokens.seller(seller)).when()
                .get("/api/conversations/not-a-uuid/response-times").then().statusCode(404);
    }

    @Test
    void theSellersWaitingMessagesAreCountedFromTheWaitingConversationsIndex() {
        String plan = TestDatabase.plan(ResponseTimeQueries.WAITING.replace("$1", "'olga'"));
        assertThat(plan).contains("response_time_unanswered").doesNotContain("Seq Scan on message");
    }

    private static ValidatableResponse times(Line line) {
        return given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/response-times").then().statusCode(200)
                .body("conversationId", equalTo(line.conversationId()));
    }
}
