package io.smsconversations.conversation.optout;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §6 through the real broker and database: STOP opts out, START opts back in, late replies change nothing. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OptOutFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void stopOptsOutStartOptsBackInAndBothRepliesStayInTheConversation() {
        String seller = "olga";
        String token = TestTokens.seller(seller);
        RecordRef record = contact(seller);
        String customer = number();
        String business = number();
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        Instant start = Instant.parse("2026-11-20T10:00:00Z");

        publish(kafka, attached(record, customer, business, "Hello", start, alerts));
        String conversationId = awaitConversation(token, customer, business);
        optOutOf(token, conversationId).body("optedOut", equalTo(false));

        publish(kafka, attached(record, customer, business, " stop ", start.plusSeconds(60), alerts));
        await().atMost(EVENTUALLY).untilAsserted(() -> optOutOf(token, conversationId)
                .body("optedOut", equalTo(true)).body("changedAt", equalTo("2026-11-20T10:01:00Z"))
                .body("cause", equalTo("KEYWORD")).body("keyword", equalTo("STOP"))
                .body("provider", nullValue()).body("providerCode", nullValue()));

        publish(kafka, attached(record, customer, business, "START", start.plusSeconds(120), alerts));
        await().atMost(EVENTUALLY).untilAsserted(() -> optOutOf(token, conversationId)
                .body("optedOut", equalTo(false)).body("changedAt", equalTo("2026-11-20T10:02:00Z"))
                .body("cause", equalTo("KEYWORD")).body("keyword", equalTo("START")));

        assertThat(awaitMessages(token, conversationId, 3)).extracting(message -> message.get("body"))
                .containsExactly("Hello", " stop ", "START");
    }

    @Test
    void aStopThatArrivesAfterANewerStartDoesNotOptOutAgain() {
        String seller = "olga";
        String token = TestTokens.seller(seller);
        RecordRef record = contact(seller);
        String customer = number();
        String business = number();
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        Instant start = Instant.parse("2026-11-21T10:00:00Z");

        publish(kafka, attached(record, customer, business, "START", start.plusSeconds(60), alerts));
        String conversationId = awaitConversation(token, customer, business);
        publish(kafka, attached(record, customer, business, "STOP", start, alerts));
        awaitMessages(token, conversationId, 2);

        optOutOf(token, conversationId).body("optedOut", equalTo(false))
                .body("changedAt", equalTo("2026-11-21T10:01:00Z"));
    }

    @Test
    void theOptOutStateOfAConversationIMayNotSeeIsNotFound() {
        RecordRef record = contact("olga");
        String customer = number();
        String business = number();
        publish(kafka, attached(record, customer, business, "STOP", Instant.now(),
                List.of(new AlertRecipient("olga", true))));
        String conversationId = awaitConversation(TestTokens.seller("olga"), customer, business);

        optOutOf(TestTokens.seller("mallory"), conversationId, 404);
    }

    private static io.restassured.response.ValidatableResponse optOutOf(String token, String conversationId) {
        return optOutOf(token, conversationId, 200);
    }

    private static io.restassured.response.ValidatableResponse optOutOf(String token, String conversationId,
            int status) {
        return given().auth().oauth2(token).when().get("/api/conversations/" + conversationId + "/opt-out")
                .then().statusCode(status);
    }
}
