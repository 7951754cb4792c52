package io.smsconversations.endtoend;

import static io.smsconversations.endtoend.RunningSuite.numberPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.TestTokens;

/**
 * The walking skeleton, end to end: the four services run as separate processes from their built jars against one
 * real Kafka broker and one real PostgreSQL server. A customer's signed reply to a seller's business number must reach
 * the seller's live notification stream and the conversation API; a forged one must change nothing.
 */
@ExtendWith(RunningSuite.Extension.class)
class EndToEndIT {

    private static final String ALICE = "seller-alice-" + UUID.randomUUID();
    private static final String BUSINESS_NUMBER = "+14255550199";
    private static final String CUSTOMER_NUMBER = "+14255550100";
    private static final String CONTACT_ID = "contact-grace-" + UUID.randomUUID();

    private static RunningSuite suite;

    @BeforeAll
    static void seedDirectory(RunningSuite running) {
        suite = running;
        suite.adminPut("/api/admin/sellers/" + ALICE, new Seller(ALICE, "Alice North", List.of("team-north"), true));
        suite.adminPut("/api/admin/business-numbers/" + numberPath(BUSINESS_NUMBER),
                new BusinessNumber(BUSINESS_NUMBER, "North sales line " + ALICE, BusinessNumberType.LONG_CODE,
                        List.of(ALICE), List.of("team-north"), "twilio"));
        suite.adminPut("/api/admin/records/" + CONTACT_ID, new DirectoryRecord(CONTACT_ID, RecordType.CONTACT,
                "Grace Hopper", Owner.seller(ALICE), true, Instant.parse("2026-11-01T09:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+1 (425) 555-0100")), null));
        suite.awaitInRouting("/api/admin/records/" + CONTACT_ID, "/api/admin/sellers/" + ALICE,
                "/api/admin/business-numbers/" + numberPath(BUSINESS_NUMBER));
    }

    @Test
    void aSignedReplyReachesTheOwnersLiveStreamAndTheConversation() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        try (SseClient aliceStream = SseClient.open(suite.notificationUrl() + "/api/notifications/stream",
                TestTokens.seller(ALICE)).awaitConnected(Duration.ofSeconds(10))) {

            suite.postTwilioWebhook(messageSid, CUSTOMER_NUMBER, BUSINESS_NUMBER, "Hi Alice, is the offer still valid?",
                    true).then().statusCode(200).contentType(containsString("xml")).body(containsString("<Response/>"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !aliceStream.received().isEmpty());
            JsonPath notice = JsonPath.from(aliceStream.received().get(0));
            assertThat(notice.getString("kind")).isEqualTo("INBOUND_MESSAGE");
            assertThat(notice.getString("text")).contains("Hi Alice, is the offer still valid?");
        }

        JsonPath conversations = JsonPath.from(asAlice().get(suite.conversationUrl() + "/api/conversations")
                .then().statusCode(200).extract().asString());
        String conversationId = conversationOf(conversations, CONTACT_ID);
        List<String> bodies = asAlice()
                .get(suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages")
                .then().statusCode(200).extract().jsonPath().getList(itemsPath("body"));
        assertThat(bodies).contains("Hi Alice, is the offer still valid?");
    }

    @Test
    void aForgedSignaturePublishesNothingAndChangesNothing() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String before = asAlice().get(suite.conversationUrl() + "/api/conversations").then().statusCode(200)
                .extract().asString();
        try (SseClient aliceStream = SseClient.open(suite.notificationUrl() + "/api/notifications/stream",
                TestTokens.seller(ALICE)).awaitConnected(Duration.ofSeconds(10))) {

            suite.postTwilioWebhook(messageSid, CUSTOMER_NUMBER, BUSINESS_NUMBER, "Forged: send me your password",
                    false).then().statusCode(403);

            assertThat(suite.kafka().collect(Topics.INBOUND_MESSAGES, event -> messageSid.equals(event.subject())
                    || event.value().contains(messageSid), Duration.ofSeconds(5))).isEmpty();
            assertThat(aliceStream.received()).isEmpty();
        }
        String after = asAlice().get(suite.conversationUrl() + "/api/conversations").then().statusCode(200)
                .extract().asString();
        assertThat(after).doesNotContain("Forged").isEqualTo(before);
    }

    private static io.restassured.specification.RequestSpecification asAlice() {
        return RunningSuite.asSeller(ALICE);
    }

    private static String conversationOf(JsonPath conversations, String recordId) {
        return conversations.getString(itemsPath("find { it.record.id == '" + recordId + "' }.id"));
    }

    /** The path of a field of the listed items, whatever envelope the list comes in. */
    private static String itemsPath(String path) {
        return "items." + path;
    }
}
