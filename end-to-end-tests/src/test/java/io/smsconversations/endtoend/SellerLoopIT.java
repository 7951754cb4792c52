package io.smsconversations.endtoend;

import static io.smsconversations.endtoend.RunningSuite.asAdmin;
import static io.smsconversations.endtoend.RunningSuite.numberPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.TestTokens;

/**
 * The seller's side of the loop across the four processes: a reply sent from the conversation pane travels through the
 * gateway to the (simulated) provider and comes back as DELIVERED; a customer's STOP blocks sends until START, and a
 * carrier's opt-out report after that blocks them again, named as such; a conversation moved to another record takes
 * the customer's next reply with it (routing rule 1, and at once, before routing knows of the move) and tells the
 * new record's owner; refusals are problem details with their status's title.
 * <p>
 * Its own seller Carol (team west) and business number, so that Alice's conversations and stream in
 * {@link EndToEndIT} stay untouched; one customer number per scenario, so the scenarios run in any order.
 */
@ExtendWith(RunningSuite.Extension.class)
class SellerLoopIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CAROL = "seller-carol-" + RUN;
    private static final String BOB = "seller-bob-" + RUN;
    private static final String BUSINESS_NUMBER = "+14255550177";

    private static final String DAN_NUMBER = "+14255550121";
    private static final String DAN = "contact-dan-" + RUN;
    private static final String ERIN_NUMBER = "+14255550122";
    private static final String ERIN = "contact-erin-" + RUN;
    private static final String FRANK_NUMBER = "+14255550123";
    private static final String FRANK = "contact-frank-" + RUN;
    private static final String FRANK_DEAL = "opportunity-frank-fleet-" + RUN;
    private static final String GINA_NUMBER = "+14255550124";
    private static final String GINA = "contact-gina-" + RUN;
    private static final String GINA_DEAL = "opportunity-gina-vans-" + RUN;

    /** Generous: the machine building this is shared; nothing here asserts a duration. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static RunningSuite suite;

    @BeforeAll
    static void seedDirectory(RunningSuite running) {
        suite = running;
        Instant modified = Instant.parse("2026-11-01T09:00:00Z");
        suite.adminPut("/api/admin/sellers/" + CAROL, new Seller(CAROL, "Carol West", List.of("team-west"), true));
        suite.adminPut("/api/admin/sellers/" + BOB, new Seller(BOB, "Bob South", List.of("team-south"), true));
        suite.adminPut("/api/admin/business-numbers/" + numberPath(BUSINESS_NUMBER),
                new BusinessNumber(BUSINESS_NUMBER, "West sales line " + RUN, BusinessNumberType.LONG_CODE,
                        List.of(CAROL), List.of("team-west"), "twilio"));
        suite.adminPut("/api/admin/records/" + DAN, contact(DAN, "Dan Brown", DAN_NUMBER, modified));
        suite.adminPut("/api/admin/records/" + ERIN, contact(ERIN, "Erin Meyer", ERIN_NUMBER, modified));
        suite.adminPut("/api/admin/records/" + FRANK, contact(FRANK, "Frank Ocean", FRANK_NUMBER, modified));
        // Bob's deal with Frank carries Frank's number too (a candidate is a record carrying the number, SPEC §4).
        // Rule 2 (Carol owns the business number) and rule 4 (contact before opportunity) both prefer the contact,
        // so only rule 1 can bring a reply to the deal: the move must be the reason.
        suite.adminPut("/api/admin/records/" + FRANK_DEAL, new DirectoryRecord(FRANK_DEAL, RecordType.OPPORTUNITY,
                "Fleet renewal " + RUN, Owner.seller(BOB), true, modified,
                List.of(new PhoneNumber(PhoneKind.MOBILE, FRANK_NUMBER)), null, FRANK, List.of()));
        // Gina and her deal likewise, for a reply that comes right after a move.
        suite.adminPut("/api/admin/records/" + GINA, contact(GINA, "Gina Lollo", GINA_NUMBER, modified));
        suite.adminPut("/api/admin/records/" + GINA_DEAL, new DirectoryRecord(GINA_DEAL, RecordType.OPPORTUNITY,
                "Van fleet " + RUN, Owner.seller(BOB), true, modified,
                List.of(new PhoneNumber(PhoneKind.MOBILE, GINA_NUMBER)), null, GINA, List.of()));
        suite.awaitInRouting("/api/admin/sellers/" + CAROL, "/api/admin/sellers/" + BOB,
                "/api/admin/business-numbers/" + numberPath(BUSINESS_NUMBER), "/api/admin/records/" + DAN,
                "/api/admin/records/" + ERIN, "/api/admin/records/" + FRANK, "/api/admin/records/" + FRANK_DEAL,
                "/api/admin/records/" + GINA, "/api/admin/records/" + GINA_DEAL);
        // conversation-service checks sends and moves against its own projection of the directory.
        awaitInConversationService(CAROL, DAN, DAN_NUMBER);
        awaitInConversationService(CAROL, ERIN, ERIN_NUMBER);
        awaitInConversationService(CAROL, FRANK, FRANK_NUMBER);
        awaitInConversationService(BOB, FRANK_DEAL, FRANK_NUMBER);
        awaitInConversationService(BOB, GINA_DEAL, GINA_NUMBER);
    }

    @Test
    void aReplySentFromTheConversationIsDeliveredThroughTheProviderAndItsStatusCallbacks() {
        String conversationId = customerTexts(DAN_NUMBER, "Hi, is the fleet offer still valid?", DAN);

        String reply = "Yes Dan, until Friday " + RUN;
        var answer = asCarol().contentType(ContentType.JSON).body(Map.of("body", reply))
                .post(suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages")
                .then().log().ifValidationFails().statusCode(202).extract();
        JsonPath queued = answer.jsonPath();
        String messageId = queued.getString("id");
        assertThat(answer.header("Location")).endsWith("/api/conversations/" + conversationId + "/messages/"
                + messageId);
        assertThat(queued.getString("conversationId")).isEqualTo(conversationId);
        assertThat(queued.getString("direction")).isEqualTo("OUTBOUND");
        assertThat(queued.getString("body")).isEqualTo(reply);
        assertThat(queued.getString("from")).isEqualTo(BUSINESS_NUMBER);
        assertThat(queued.getString("to")).isEqualTo(DAN_NUMBER);
        assertThat(queued.getString("delivery.status")).isEqualTo("QUEUED");

        // Each hop, so that a broken chain names the service at fault.
        JsonNode requested = suite.kafka().awaitOne(Topics.SEND_REQUESTS, event -> messageId.equals(
                event.data().path("messageId").asText()), PATIENCE).data();
        assertThat(requested.path("requestId").asText()).isEqualTo(messageId);
        assertThat(requested.path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(requested.path("provider").asText()).isEqualTo("twilio");
        assertThat(requested.path("from").asText()).isEqualTo(BUSINESS_NUMBER);
        assertThat(requested.path("to").asText()).isEqualTo(DAN_NUMBER);
        assertThat(requested.path("body").asText()).isEqualTo(reply);
        assertThat(requested.path("sentBy").asText()).isEqualTo(CAROL);

        CloudEventRecord accepted = suite.kafka().awaitOne(Topics.SEND_RESULTS,
                event -> messageId.equals(event.data().path("messageId").asText()), PATIENCE);
        assertThat(accepted.type()).as("the gateway's answer to the send: %s", accepted.value())
                .isEqualTo(EventTypes.SEND_ACCEPTED);
        String providerMessageId = accepted.data().path("providerMessageId").asText();
        assertThat(providerMessageId).startsWith("SM");
        assertThat(accepted.data().path("provider").asText()).isEqualTo("twilio");

        List<String> reported = suite.kafka().await(Topics.DELIVERY_REPORTS,
                event -> providerMessageId.equals(event.data().path("providerMessageId").asText()), 2, PATIENCE)
                .stream().map(event -> event.data().path("status").asText()).toList();
        assertThat(reported).containsExactly("SENT", "DELIVERED");

        await().atMost(PATIENCE).untilAsserted(() -> asCarol()
                .get(suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages/" + messageId)
                .then().statusCode(200).body("delivery.status", equalTo("DELIVERED")));
        JsonPath history = history(CAROL, conversationId);
        assertThat(history.getList("items.direction")).containsExactly("INBOUND", "OUTBOUND");
        Map<String, Object> sent = history.getMap("items.find { it.id == '" + messageId + "' }");
        assertThat(sent).containsEntry("body", reply).containsEntry("provider", "twilio")
                .containsEntry("providerMessageId", providerMessageId);
        assertThat(history.getString("items.find { it.id == '" + messageId + "' }.delivery.status"))
                .isEqualTo("DELIVERED");
        assertThat(history.getString("items.find { it.id == '" + messageId + "' }.delivery.reason")).isNull();

        // The status changes are announced once each (SendAccepted announces none: the message stays QUEUED).
        List<String> announced = suite.kafka().await(Topics.CONVERSATION_EVENTS,
                event -> EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED.equals(event.type())
                        && messageId.equals(event.data().path("messageId").asText()), 2, PATIENCE)
                .stream().map(event -> event.data().path("status").asText() + " by "
                        + event.data().path("sentBy").asText())
                .toList();
        assertThat(announced).containsExactly("SENT by " + CAROL, "DELIVERED by " + CAROL);
    }

    @Test
    void stopBlocksSendingUntilStartAndACarriersOptOutAfterwardsIsNamedAsTheCause() {
        String conversationId = customerTexts(ERIN_NUMBER, "STOP", ERIN);
        String optOut = suite.conversationUrl() + "/api/conversations/" + conversationId + "/opt-out";
        await().atMost(PATIENCE).untilAsserted(() -> asCarol().get(optOut).then().statusCode(200)
                .body("optedOut", is(true)));
        JsonNode stopped = suite.kafka().awaitOne(Topics.CONVERSATION_EVENTS,
                event -> EventTypes.CONVERSATION_OPT_OUT_CHANGED.equals(event.type())
                        && ERIN_NUMBER.equals(event.data().path("customerNumber").asText()), PATIENCE).data();
        assertThat(stopped.path("optedOut").asBoolean()).isTrue();
        assertThat(stopped.path("cause").asText()).isEqualTo("KEYWORD");
        assertThat(stopped.path("businessNumber").asText()).isEqualTo(BUSINESS_NUMBER);

        String messages = suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages";
        asCarol().contentType(ContentType.JSON).body(Map.of("body", "One last offer, Erin?")).post(messages)
                .then().log().ifValidationFails().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/recipient-opted-out"));
        // The STOP was confirmed automatically (issue 14 item 3: carriers require it), by no seller, although Carol
        // may no longer text her.
        assertThat(history(CAROL, conversationId).getList("items.direction")).containsExactly("INBOUND", "OUTBOUND");
        assertThat(history(CAROL, conversationId).getList("items.autoReply")).containsExactly(null, "OPT_OUT");
        JsonNode confirmation = suite.kafka().awaitOne(Topics.SEND_REQUESTS,
                event -> ERIN_NUMBER.equals(event.data().path("to").asText()), PATIENCE).data();
        assertThat(confirmation.path("sentBy").isNull()).isTrue();
        assertThat(suite.kafka().collect(Topics.SEND_REQUESTS,
                event -> ERIN_NUMBER.equals(event.data().path("to").asText())
                        && !event.data().path("sentBy").isNull(), Duration.ofSeconds(3)))
                .as("a refused send must reach no provider").isEmpty();

        customerTexts(ERIN_NUMBER, "START", ERIN);
        await().atMost(PATIENCE).untilAsserted(() -> asCarol().get(optOut).then().statusCode(200)
                .body("optedOut", is(false)));
        String messageId = asCarol().contentType(ContentType.JSON).body(Map.of("body", "Welcome back, Erin"))
                .post(messages).then().log().ifValidationFails().statusCode(202)
                .body("delivery.status", equalTo("QUEUED"))
                .extract().path("id");
        // Carol's own send, not the automatic START confirmation that went before it.
        JsonNode requested = suite.kafka().awaitOne(Topics.SEND_REQUESTS,
                event -> ERIN_NUMBER.equals(event.data().path("to").asText())
                        && CAROL.equals(event.data().path("sentBy").asText()), PATIENCE).data();
        assertThat(requested.path("messageId").asText()).isEqualTo(messageId);
        assertThat(requested.path("body").asText()).isEqualTo("Welcome back, Erin");

        // Then the carrier reports her opted out (Twilio 21610): the next send is refused for that, not for a STOP.
        String providerMessageId = suite.kafka().awaitOne(Topics.SEND_RESULTS,
                event -> messageId.equals(event.data().path("messageId").asText()), PATIENCE)
                .data().path("providerMessageId").asText();
        suite.postTwilioStatus(providerMessageId, "undelivered", "21610", BUSINESS_NUMBER, ERIN_NUMBER)
                .then().statusCode(204);
        await().atMost(PATIENCE).untilAsserted(() -> asCarol().get(optOut).then().statusCode(200)
                .body("optedOut", is(true)).body("cause", equalTo("PROVIDER_REPORT")));
        asCarol().get(optOut).then().body("provider", equalTo("twilio")).body("providerCode", equalTo("21610"));
        asCarol().contentType(ContentType.JSON).body(Map.of("body", "Erin?")).post(messages)
                .then().log().ifValidationFails().statusCode(409)
                .body("cause", equalTo("PROVIDER_REPORT"))
                .body("detail", startsWith("recipient opted out of this number: the provider (twilio, error code "
                        + "21610) reported on "));
    }

    /**
     * Issue 16: a reply that comes at once after the move answered, before routing can have learnt of the move,
     * still lands in the moved conversation (conversation-service redirects what routing decided without it).
     */
    @Test
    void aReplyRightAfterAMoveLandsInTheMovedConversation() {
        String conversationId = customerTexts(GINA_NUMBER, "Hello, about the vans", GINA);
        // Bob's deal is not Carol's: a seller moves only to records they may see.
        asAdmin().contentType(ContentType.JSON).body(Map.of("recordId", GINA_DEAL))
                .post(suite.conversationUrl() + "/api/conversations/" + conversationId + "/move")
                .then().log().ifValidationFails().statusCode(200).body("moved", is(true));

        suite.postTwilioWebhook(newSid(), GINA_NUMBER, BUSINESS_NUMBER, "Three of them, please", true)
                .then().statusCode(200);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(history(BOB, conversationId).getList("items.body"))
                .containsExactly("Hello, about the vans", "Three of them, please"));
        JsonPath mine = JsonPath.from(asCarol().get(suite.conversationUrl() + "/api/conversations?limit=200")
                .then().statusCode(200).extract().asString());
        assertThat(mine.getList("items.findAll { it.customerNumber == '" + GINA_NUMBER + "' }.id"))
                .containsExactly(conversationId);
    }

    /** The refusals a new user meets first are problem details with a title that says what the status means. */
    @Test
    void refusalsAreProblemDetailsWithTheirStatusTitles() {
        RequestSpecification anonymous = io.restassured.RestAssured.given();
        anonymous.get(suite.conversationUrl() + "/api/conversations").then().statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Unauthorized"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        asCarol().contentType(ContentType.JSON).body(Map.of("customerNumber", "12345",
                "businessNumber", BUSINESS_NUMBER))
                .put(suite.conversationUrl() + "/api/records/" + DAN + "/conversations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Entity"))
                .body("detail", equalTo("customerNumber is not a valid phone number"));
    }

    @Test
    void aMovedConversationTellsTheNewOwnerAndTakesTheCustomersNextReply() {
        String firstSid = newSid();
        suite.postTwilioWebhook(firstSid, FRANK_NUMBER, BUSINESS_NUMBER, "Hello, about the fleet", true)
                .then().statusCode(200);
        String conversationId = awaitConversation(CAROL, FRANK);
        // Before the move: two candidates, and Carol's number decides for her contact.
        JsonPath before = awaitDecision(firstSid);
        assertThat(before.getString("rule")).isEqualTo("rule-2");
        assertThat(before.getString("record.id")).isEqualTo(FRANK);

        try (SseClient bobStream = SseClient.open(suite.notificationUrl() + "/api/notifications/stream",
                TestTokens.seller(BOB)).awaitConnected(Duration.ofSeconds(10))) {

            // An admin moves it: a seller may move a conversation only to a record they may see (issue 11.3), and
            // Bob's deal is not Carol's.
            JsonPath moved = JsonPath.from(asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("recordId", FRANK_DEAL))
                    .post(suite.conversationUrl() + "/api/conversations/" + conversationId + "/move")
                    .then().log().ifValidationFails().statusCode(200).extract().asString());
            assertThat(moved.getBoolean("moved")).isTrue();
            assertThat(moved.getString("conversationId")).isEqualTo(conversationId);
            assertThat(moved.getString("move.from.id")).isEqualTo(FRANK);
            assertThat(moved.getString("move.to.id")).isEqualTo(FRANK_DEAL);
            assertThat(moved.getString("move.movedBy")).isEqualTo("ada-admin");
            assertThat(moved.getBoolean("move.merged")).isFalse();

            await().atMost(PATIENCE).until(() -> !bobStream.received().isEmpty());
            JsonPath notice = JsonPath.from(bobStream.received().get(0));
            assertThat(notice.getString("kind")).isEqualTo("CONVERSATION_MOVED");
            assertThat(notice.getString("title")).isEqualTo("Conversation moved");
            assertThat(notice.getString("text")).isEqualTo("The conversation with " + E164.masked(FRANK_NUMBER)
                    + " was moved to your record Fleet renewal " + RUN + ".");
            assertThat(notice.getString("link.conversationId")).isEqualTo(conversationId);
            assertThat(notice.getString("link.recordId")).isEqualTo(FRANK_DEAL);
            assertThat(notice.getString("link.recordType")).isEqualTo("OPPORTUNITY");
            JsonPath listed = JsonPath.from(RunningSuite.asSeller(BOB)
                    .get(suite.notificationUrl() + "/api/notifications").then().statusCode(200).extract().asString());
            assertThat(listed.getList("items.kind")).containsExactly("CONVERSATION_MOVED");
            assertThat(listed.getString("items[0].link.recordId")).isEqualTo(FRANK_DEAL);

            // routing-service learns of the move from sms.conversation-events; its API shows no trace of it until
            // the next reply, so wait until its consumer has committed past the move.
            suite.kafka().awaitOne(Topics.CONVERSATION_EVENTS, event -> EventTypes.CONVERSATION_MOVED.equals(
                    event.type()) && conversationId.equals(event.data().path("conversationId").asText()), PATIENCE);
            suite.awaitConsumed("routing-service", Topics.CONVERSATION_EVENTS);

            String nextSid = newSid();
            suite.postTwilioWebhook(nextSid, FRANK_NUMBER, BUSINESS_NUMBER, "Can we add two vans?", true)
                    .then().statusCode(200);
            JsonPath after = awaitDecision(nextSid);
            assertThat(after.getString("rule")).isEqualTo("rule-1");
            assertThat(after.getString("reason")).isEqualTo("rule 1: most recent conversation");
            assertThat(after.getString("record.id")).isEqualTo(FRANK_DEAL);
            assertThat(after.getString("inputs.lastConversationRecordId")).isEqualTo(FRANK_DEAL);
            assertThat(after.getList("candidates.id")).containsExactlyInAnyOrder(FRANK, FRANK_DEAL);

            // The reply lands in the moved conversation (same id, now on the deal), which Bob now sees.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(history(BOB, conversationId)
                    .getList("items.body")).containsExactly("Hello, about the fleet", "Can we add two vans?"));
            JsonPath conversation = JsonPath.from(RunningSuite.asSeller(BOB)
                    .get(suite.conversationUrl() + "/api/conversations/" + conversationId)
                    .then().statusCode(200).extract().asString());
            assertThat(conversation.getString("record.id")).isEqualTo(FRANK_DEAL);
            assertThat(conversation.getString("record.type")).isEqualTo("OPPORTUNITY");
            // ...and Bob, the deal's owner, is alerted to it.
            await().atMost(PATIENCE).until(() -> bobStream.received().size() >= 2);
            JsonPath alert = JsonPath.from(bobStream.received().get(1));
            assertThat(alert.getString("kind")).isEqualTo("INBOUND_MESSAGE");
            assertThat(alert.getString("link.recordId")).isEqualTo(FRANK_DEAL);
            assertThat(alert.getString("text")).contains("Can we add two vans?");
        }
    }

    /** The customer texts the business number (signed); answers the conversation it lands in on {@code recordId}. */
    private static String customerTexts(String customerNumber, String body, String recordId) {
        suite.postTwilioWebhook(newSid(), customerNumber, BUSINESS_NUMBER, body, true).then().statusCode(200);
        String conversationId = awaitConversation(CAROL, recordId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(history(CAROL, conversationId).getList("items.body"))
                .contains(body));
        return conversationId;
    }

    private static String awaitConversation(String sellerId, String recordId) {
        return await().atMost(PATIENCE).until(() -> JsonPath.from(RunningSuite.asSeller(sellerId)
                .get(suite.conversationUrl() + "/api/conversations").then().statusCode(200).extract().asString())
                .getString("items.find { it.record.id == '" + recordId + "' }.id"), id -> id != null);
    }

    private static JsonPath awaitDecision(String messageSid) {
        return await().atMost(PATIENCE).until(() -> {
            var answer = asAdmin().get(suite.routingUrl() + "/api/admin/routing-decisions/twilio/" + messageSid);
            return answer.statusCode() == 200 ? answer.jsonPath() : null;
        }, decision -> decision != null);
    }

    private static JsonPath history(String sellerId, String conversationId) {
        return JsonPath.from(RunningSuite.asSeller(sellerId)
                .get(suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages")
                .then().statusCode(200).extract().asString());
    }

    private static void awaitInConversationService(String sellerId, String recordId, String number) {
        await().atMost(PATIENCE).untilAsserted(() -> RunningSuite.asSeller(sellerId)
                .get(suite.conversationUrl() + "/api/records/" + recordId + "/conversations")
                .then().statusCode(200)
                .body("record.inDirectory", is(true))
                .body("numbers.number", hasItem(number)));
    }

    private static DirectoryRecord contact(String id, String name, String number, Instant modified) {
        return new DirectoryRecord(id, RecordType.CONTACT, name, Owner.seller(CAROL), true, modified,
                List.of(new PhoneNumber(PhoneKind.MOBILE, number)), null);
    }

    private static RequestSpecification asCarol() {
        return RunningSuite.asSeller(CAROL);
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

}
