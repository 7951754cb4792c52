package io.smsconversations.conversation.send;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationOptOutChanged;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §5 send through the real database, broker (via the outbox) and OIDC tokens: the happy path and each refusal. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class SendFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();
    private static final String PROBLEMS = "https://sms-conversations.io/problems/";

    @Test
    void aSendIsQueuedStoredAndAnnouncedToTheGatewayAndTheSuite() {
        Line line = Line.open(kafka);
        String body = "Our offer: 5 \u20ac off until Friday";

        ExtractableResponse<Response> response = line.send(body)
                .statusCode(202)
                .body("direction", equalTo("OUTBOUND"))
                .body("conversationId", equalTo(line.conversationId()))
                .body("body", equalTo(body))
                .body("from", equalTo(line.business()))
                .body("to", equalTo(line.customer()))
                .body("provider", equalTo("twilio"))
                .body("providerMessageId", nullValue())
                .body("segments", equalTo(1))
                .body("delivery.status", equalTo("QUEUED"))
                .body("delivery.reason", nullValue())
                .extract();
        String messageId = response.path("id");
        Instant occurredAt = Instant.parse(response.path("occurredAt"));
        assertThat(response.header("Location")).endsWith("/api/conversations/" + line.conversationId()
                + "/messages/" + messageId);
        RestAssured.given().auth().oauth2(line.token()).when().get(response.header("Location"))
                .then().statusCode(200).body("id", equalTo(messageId)).body("delivery.status", equalTo("QUEUED"));

        List<Map<String, Object>> history = messages(line.token(), line.conversationId());
        assertThat(history).extracting(m -> m.get("body")).containsExactly("Hello", body);
        assertThat(history.get(1)).containsEntry("id", messageId).containsEntry("direction", "OUTBOUND");
        assertThat(TestDatabase.value("SELECT sent_by FROM message WHERE id = ?", UUID.fromString(messageId)))
                .isEqualTo(line.seller());

        CloudEventRecord request = kafka.awaitOne(Topics.SEND_REQUESTS,
                e -> EventIds.derived("send-requested", messageId).equals(e.id()), EVENTUALLY);
        assertThat(request.key()).isEqualTo(ConversationKey.of(line.customer(), line.business()));
        assertThat(request.type()).isEqualTo(EventTypes.SEND_REQUESTED);
        assertThat(request.source()).isEqualTo(EventTypes.SOURCE_CONVERSATION_SERVICE);
        assertThat(request.subject()).isEqualTo(messageId);
        assertThat(Instant.parse(request.time())).isEqualTo(occurredAt);
        assertThat(request.dataAs(SendRequested.class)).isEqualTo(new SendRequested(messageId,
                line.conversationId(), messageId, "twilio", line.business(), line.customer(), body, line.seller(), 1,
                occurredAt));

        CloudEventRecord added = kafka.awaitOne(Topics.CONVERSATION_EVENTS,
                e -> EventIds.derived("message-added", messageId).equals(e.id()), EVENTUALLY);
        assertThat(added.key()).isEqualTo(line.conversationId());
        assertThat(added.type()).isEqualTo(EventTypes.CONVERSATION_MESSAGE_ADDED);
        assertThat(added.dataAs(ConversationMessageAdded.class)).isEqualTo(new ConversationMessageAdded(
                line.conversationId(), messageId, line.record(), line.customer(), line.business(),
                MessageDirection.OUTBOUND, body, occurredAt, List.of()));
        // Published once and stamped.
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM outbox_event WHERE ce_id = ? AND published_at IS NOT NULL",
                EventIds.derived("send-requested", messageId)) == 1);
    }

    /** Found by the fault run: an outage is 503 with Retry-After (not 500), and the same request later sends once. */
    @Test
    void aSendDuringADatabaseOutageIsRefusedWith503AndTheSameRequestGoesThroughOnceItIsBack() {
        Line line = Line.open(kafka);
        String key = "outage-" + UUID.randomUUID();
        Map<String, String> request = Map.of("body", "Sent while the database is away " + key);
        try (var outage = SuiteInfrastructure.get().postgres().outage("conversation")) {
            send(line, key, request).statusCode(503).header("Retry-After", "5")
                    .body("type", equalTo(PROBLEMS + "temporarily-unavailable"));
        }
        await().atMost(EVENTUALLY).until(() -> send(line, key, request).extract().statusCode() == 202);
        send(line, key, request).statusCode(202);
        assertThat(line.outboundMessages()).isEqualTo(1);
    }

    private static io.restassured.response.ValidatableResponse send(Line line, String idempotencyKey,
            Map<String, String> request) {
        return RestAssured.given().auth().oauth2(line.token()).contentType("application/json")
                .header("Idempotency-Key", idempotencyKey).body(request)
                .when().post("/api/conversations/" + line.conversationId() + "/messages").then();
    }

    @Test
    void aLongUnicodeTextCountsItsSegments() {
        Line line = Line.open(kafka);
        String body = "\ud83d\ude00".repeat(40); // 80 UTF-16 units: two UCS-2 segments of 67

        line.send(body).statusCode(202).body("segments", equalTo(2));
    }

    @Test
    void aTemplateIsFilledForTheRecordAndTheSenderAndSent() {
        Line line = Line.open(kafka);
        String templateId = RestAssured.given().auth().oauth2(line.token()).contentType("application/json")
                .body(Map.of("name", unique("Follow-up"), "category", "CONTACT", "language", "en",
                        "body", "Hi {{ContactFirstName}}, {{UserFirstName|your seller}} here. {{AccountName|}}"))
                .when().post("/api/templates").then().statusCode(201).extract().path("id");

        String messageId = line.send(line.token(), Map.of("templateId", templateId,
                "values", Map.of("UserFirstName", "Bob")))
                .statusCode(202)
                .body("body", equalTo("Hi Ada, Bob here. "))
                .body("delivery.status", equalTo("QUEUED"))
                .extract().path("id");

        assertThat(TestDatabase.value("SELECT template_id FROM message WHERE id = ?", UUID.fromString(messageId)))
                .isEqualTo(templateId);
        CloudEventRecord request = kafka.awaitOne(Topics.SEND_REQUESTS,
                e -> EventIds.derived("send-requested", messageId).equals(e.id()), EVENTUALLY);
        assertThat(request.dataAs(SendRequested.class).body()).isEqualTo("Hi Ada, Bob here. ");
        // Values for a placeholder the templates do not know are refused, and nothing is sent.
        line.send(line.token(), Map.of("templateId", templateId, "values", Map.of("Nope", "x"))).statusCode(400);
        // So are a null value (it answered 500) and a filling longer than a message (its whole length told).
        Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("UserFirstName", null);
        line.send(line.token(), Map.of("templateId", templateId, "values", nullValue)).statusCode(400)
                .body("reason", equalTo("value-missing")).body("field", equalTo("values.UserFirstName"));
        refused(line.send(line.token(), Map.of("templateId", templateId,
                "values", Map.of("UserFirstName", "x".repeat(1600)))), 400, "body-too-long", "Message too long",
                "the message has 1615 characters; at most 1600");
        assertThat(line.outboundMessages()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyMakesARetryAnswerTheFirstMessage() {
        Line line = Line.open(kafka);
        String key = unique("retry");

        String first = RestAssured.given().auth().oauth2(line.token()).contentType("application/json")
                .header("Idempotency-Key", key).body(Map.of("body", "Once only"))
                .when().post("/api/conversations/" + line.conversationId() + "/messages")
                .then().statusCode(202).extract().path("id");
        String again = RestAssured.given().auth().oauth2(line.token()).contentType("application/json")
                .header("Idempotency-Key", key).body(Map.of("body", "Once only"))
                .when().post("/api/conversations/" + line.conversationId() + "/messages")
                .then().statusCode(202).extract().path("id");

        assertThat(again).isEqualTo(first);
        assertThat(line.outboundMessages()).isEqualTo(1);
        assertThat(line.sendRequestsInOutbox()).isEqualTo(1);

        // Two at once with a new key: one message, both answered with it.
        String raced = unique("race");
        List<java.util.concurrent.CompletableFuture<String>> both = java.util.stream.IntStream.range(0, 2)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> RestAssured.given()
                        .auth().oauth2(line.token()).contentType("application/json")
                        .header("Idempotency-Key", raced).body(Map.of("body", "Raced"))
                        .when().post("/api/conversations/" + line.conversationId() + "/messages")
                        .then().statusCode(202).extract().<String>path("id")))
                .toList();
        assertThat(both.get(0).join()).isEqualTo(both.get(1).join());
        assertThat(line.outboundMessages()).isEqualTo(2);
        assertThat(line.sendRequestsInOutbox()).isEqualTo(2);
    }

    @Test
    void aBadBodyIsRefusedAndNothingIsStored() {
        Line line = Line.open(kafka);

        refused(line.send(""), 400, "empty-body", "Empty message", "the message has no text");
        refused(line.send("   "), 400, "empty-body", "Empty message", "the message has no text");
        refused(line.send(line.token(), Map.of()), 400, "empty-body", "Empty message", "the message has no text");
        refused(line.send("x".repeat(1601)), 400, "body-too-long", "Message too long",
                "the message has 1601 characters; at most 1600 can be sent");
        refused(line.send(line.token(), Map.of("body", "Hi", "templateId", UUID.randomUUID().toString())), 400,
                "body-and-template", "Body or template", "send either a typed body or a template");
        refused(line.send(line.token(), Map.of("templateId", "t-1")), 404, "template-not-found",
                "Template not found", "there is no template with this id");
        line.send(line.token(), Map.of("templateId", UUID.randomUUID().toString())).statusCode(404)
                .body("reason", equalTo("template-not-found"));

        assertNothingStored(line);
        line.send("x".repeat(1600)).statusCode(202);
    }

    @Test
    void aConversationTheCallerMayNotSeeIs404() {
        Line line = Line.open(kafka);

        line.send(TestTokens.seller(unique("stranger")), Map.of("body", "Hi"))
                .statusCode(404).contentType(startsWith("application/problem+json"));
        line.send(line.token(), Map.of("body", "Hi")).statusCode(202);
        RestAssured.given().auth().oauth2(line.token()).contentType("application/json").body(Map.of("body", "Hi"))
                .when().post("/api/conversations/not-a-uuid/messages").then().statusCode(404);
    }

    @Test
    void aBusinessNumberTheSellerMayNotUseIs403() {
        String seller = unique("seller");
        Line line = Line.open(kafka, seller, unique("other-seller"), true);

        refused(line.send("Hi"), 403, "sending-number-not-yours", "Sending number not yours",
                "you may not send from this conversation's business number");
        assertNothingStored(line);
    }

    @Test
    void aCustomerNumberThatIsNoLongerOneOfTheRecordsIs422() {
        String seller = unique("seller");
        Line line = Line.open(kafka, seller, seller, false);
        refused(line.send("Hi"), 422, "not-a-record-number", "Not one of the record's numbers",
                "the customer number is no longer one of the record's phone numbers");
        assertNothingStored(line);
    }

    @Test
    void aShortCodeSendsWhereItsProviderCanAndIsRefusedWithTheReasonWhereItCannot() {
        String seller = unique("seller");
        String code = "US:" + (20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(70_000));
        Line line = Line.open(kafka, seller, seller, true, code, Instant.now());

        String messageId = line.send("Reply YES to confirm").statusCode(202).body("from", equalTo(code))
                .extract().path("id");
        assertThat(kafka.awaitOne(Topics.SEND_REQUESTS, e -> EventIds.derived("send-requested", messageId)
                .equals(e.id()), EVENTUALLY).dataAs(SendRequested.class).from()).isEqualTo(code);

        // The same code moved to a provider that sends from phone numbers only.
        businessNumber(code, BusinessNumberType.SHORT_CODE, "telesign", seller);
        refused(line.send("Hi again"), 422, "sending-number-cannot-send", "Sending number cannot send this",
                "This message cannot be sent from this business number: telesign cannot send from a short code.")
                .body("reason", equalTo("provider-cannot-send-from"));
        assertThat(line.outboundMessages()).isEqualTo(1);
        RestAssured.given().auth().oauth2(line.token()).when().get("/api/sending-numbers")
                .then().statusCode(200)
                .body("items.find { it.number == '" + code + "' }.cannotSendBecause",
                        equalTo("telesign cannot send from a short code"));
    }

    @Test
    void anAlphanumericSenderCannotSendToAUsNumber() {
        Line line = Line.open(kafka);
        String sender = "Ct" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000);
        businessNumber(sender, BusinessNumberType.ALPHANUMERIC, "twilio", line.seller());
        // A one-way thread a seller opened from the sender id (nobody can write to one first).
        UUID conversationId = UUID.randomUUID();
        TestDatabase.execute("""
                INSERT INTO conversation (id, record_id, record_type, customer_number, business_number, created_at,
                                          last_activity_at)
                VALUES (?, ?, 'CONTACT', ?, ?, now(), now())""", conversationId, line.record().id(),
                line.customer(), sender);
        Line oneWay = new Line(line.seller(), line.record(), line.customer(), sender, conversationId.toString());

        refused(oneWay.send("Your order shipped"), 422, "sending-number-cannot-send",
                "Sending number cannot send this", "This message cannot be sent from this business number: an "
                        + "alphanumeric sender id cannot send to a number in US (carriers there refuse it)")
                .body("reason", equalTo("sender-cannot-reach-destination"));
        assertNothingStored(oneWay);
        // Listed: usable in general, marked for this customer.
        RestAssured.given().auth().oauth2(line.token()).when().get("/api/sending-numbers")
                .then().statusCode(200).body("items.find { it.number == '" + sender + "' }.cannotSendBecause",
                        nullValue());
        RestAssured.given().auth().oauth2(line.token()).queryParam("customerNumber", line.customer())
                .when().get("/api/sending-numbers")
                .then().statusCode(200).body("items.find { it.number == '" + sender + "' }.cannotSendBecause",
                        startsWith("an alphanumeric sender id cannot send to a number in US"))
                .body("items.find { it.number == '" + line.business() + "' }.cannotSendBecause", nullValue());
        RestAssured.given().auth().oauth2(line.token()).queryParam("customerNumber", "12")
                .when().get("/api/sending-numbers").then().statusCode(400)
                .body("detail", equalTo("customerNumber is not an E.164 number (+14255550123)"));
    }

    /** Publishes a business number owned by {@code owner} and waits until the projection has it so. */
    private static void businessNumber(String number, BusinessNumberType type, String provider, String owner) {
        kafka.publishEvent(Topics.DIRECTORY_BUSINESS_NUMBERS, number, unique("number-event"),
                EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED,
                new BusinessNumber(number, unique("Line"), type, List.of(owner), List.of(), provider));
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count("SELECT count(*) FROM directory_business_number b "
                + "JOIN directory_business_number_seller s ON s.number = b.number WHERE b.number = ? AND b.provider = ?"
                + " AND s.seller_id = ?", number, provider, owner) == 1);
    }

    @Test
    void aCustomerNumberThatIsNotValidE164Is422() {
        Line line = Line.open(kafka);
        // A thread stored before numbers were normalised: the customer number is not a possible number.
        UUID conversationId = UUID.randomUUID();
        TestDatabase.execute("""
                INSERT INTO conversation (id, record_id, record_type, customer_number, business_number, created_at,
                                          last_activity_at)
                VALUES (?, ?, 'CONTACT', '+12', ?, now(), now())""", conversationId, line.record().id(),
                line.business());
        Line broken = new Line(line.seller(), line.record(), "+12", line.business(), conversationId.toString());

        refused(broken.send("Hi"), 422, "invalid-customer-number", "Invalid customer number",
                "the customer number is not a valid E.164 phone number");
        assertNothingStored(broken);
    }

    @Test
    void stopRefusesSendsUntilStartAndEachChangeIsAnnounced() {
        Line line = Line.open(kafka);
        Instant at = Fixtures.now().plusSeconds(1);
        var stop = attached(line.record(), line.customer(), line.business(), "Stop", at, List.of());
        publish(kafka, stop);
        awaitOptedOut(line, true);

        refused(line.send("Still there?"), 409, "recipient-opted-out", "Recipient opted out",
                "recipient opted out of this number: the customer texted STOP to this business number on " + at
                        + " and has not texted START, YES or UNSTOP since; nothing was sent")
                .body("cause", equalTo("KEYWORD"))
                .body("keyword", equalTo("STOP"))
                .body("optedOutAt", equalTo(at.toString()));
        assertNothingStored(line);

        var start = attached(line.record(), line.customer(), line.business(), "START", at.plusSeconds(1), List.of());
        publish(kafka, start);
        awaitOptedOut(line, false);
        line.send("Welcome back").statusCode(202);

        String stopEvent = EventIds.derived("opt-out-changed", Fixtures.attachEventId(stop));
        CloudEventRecord out = kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> stopEvent.equals(e.id()), EVENTUALLY);
        assertThat(out.key()).isEqualTo(line.conversationId());
        assertThat(out.type()).isEqualTo(EventTypes.CONVERSATION_OPT_OUT_CHANGED);
        assertThat(out.dataAs(ConversationOptOutChanged.class)).isEqualTo(new ConversationOptOutChanged(
                line.conversationId(), line.customer(), line.business(), true, "KEYWORD",
                Fixtures.attachEventId(stop), stop.message().receivedAt()));
        String startEvent = EventIds.derived("opt-out-changed", Fixtures.attachEventId(start));
        assertThat(kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> startEvent.equals(e.id()), EVENTUALLY)
                .dataAs(ConversationOptOutChanged.class).optedOut()).isFalse();

        // A second STOP is a change again; a repeated START while opted in is not.
        var again = attached(line.record(), line.customer(), line.business(), "start", at.plusSeconds(2), List.of());
        publish(kafka, again);
        Fixtures.awaitMessages(line.token(), line.conversationId(), 5);
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS, e -> EventIds.derived("opt-out-changed",
                Fixtures.attachEventId(again)).equals(e.id()), Duration.ofSeconds(2))).isEmpty();
    }

    private static void awaitOptedOut(Line line, boolean optedOut) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> RestAssured.given()
                .auth().oauth2(line.token()).when().get("/api/conversations/" + line.conversationId() + "/opt-out")
                .then().statusCode(200).extract().<Boolean>path("optedOut") == optedOut);
    }

    private static io.restassured.response.ValidatableResponse refused(
            io.restassured.response.ValidatableResponse response, int status, String type, String title,
            String detail) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo(PROBLEMS + type))
                .body("title", equalTo(title))
                .body("detail", startsWith(detail));
    }

    private static void assertNothingStored(Line line) {
        assertThat(line.outboundMessages()).isZero();
        assertThat(line.sendRequestsInOutbox()).isZero();
        assertThat(TestDatabase.count("""
                SELECT count(*) FROM outbox_event WHERE ce_type = ? AND message_key = ?
                   AND payload->>'direction' = 'OUTBOUND'
                   AND payload->>'messageId' NOT IN (SELECT id::text FROM message WHERE auto_reply IS NOT NULL)""",
                EventTypes.CONVERSATION_MESSAGE_ADDED,
                line.conversationId())).isZero();
    }
}
