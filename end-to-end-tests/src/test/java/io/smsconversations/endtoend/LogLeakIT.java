package io.smsconversations.endtoend;

import static io.restassured.RestAssured.given;
import static io.smsconversations.endtoend.RunningSuite.numberPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;

/**
 * Personal data stays out of the logs (SPEC §10, issue 11 item 7): one known customer number, used nowhere else, is
 * driven through every failure path that can be reached from outside the suite - a forged signature, malformed
 * callbacks, an unknown number that becomes a lead, an opt-out, refused sends, failed delivery reports and sends, bad
 * admin input, and poison records (unreadable, mistyped, with a number for a type) on every topic each service
 * consumes - and then no line of any of the four services' logs may hold that number, written in any of the ways
 * people and providers write it. Masked ({@code ***0142}) is allowed. Message bodies carrying the number are part of
 * the traffic, so a body in a log line fails the test too.
 */
@ExtendWith(RunningSuite.Extension.class)
class LogLeakIT {

    /** The known number: E.164, with its national forms below. No other test uses it. */
    static final String CUSTOMER = "+14255550142";
    static final String NATIONAL_DIGITS = "4255550142";
    static final List<String> WRITTEN = List.of(CUSTOMER, "14255550142", NATIONAL_DIGITS, "(425) 555-0142",
            "425-555-0142", "425 555 0142", "425.555.0142", "+1 425-555-0142", "+1 (425) 555-0142");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LENA = "seller-lena-" + RUN;
    private static final String MAX = "seller-max-" + RUN;
    private static final String BUSINESS = "+14255550166";
    private static final String OTHER_CONTACT = "contact-leak-other-" + RUN;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Every consumed topic, with the consumer groups (one per consuming channel) and dead-letter topics. */
    private static final Map<String, Map<String, String>> CONSUMERS = consumers();

    private static RunningSuite suite;

    @BeforeAll
    static void seedDirectory(RunningSuite running) {
        suite = running;
        Instant modified = Instant.parse("2026-11-01T09:00:00Z");
        suite.adminPut("/api/admin/sellers/" + LENA, new Seller(LENA, "Lena Leak", List.of("team-leak-" + RUN), true));
        suite.adminPut("/api/admin/sellers/" + MAX, new Seller(MAX, "Max Other", List.of("team-other-" + RUN), true));
        suite.adminPut("/api/admin/business-numbers/" + numberPath(BUSINESS), new BusinessNumber(BUSINESS,
                "Leak line " + RUN, BusinessNumberType.LONG_CODE, List.of(LENA), List.of(), "twilio"));
        suite.adminPut("/api/admin/records/" + OTHER_CONTACT, new DirectoryRecord(OTHER_CONTACT, RecordType.CONTACT,
                "Olga Other", Owner.seller(LENA), true, modified,
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+14255550167")), null));
        suite.awaitInRouting("/api/admin/sellers/" + LENA, "/api/admin/business-numbers/" + numberPath(BUSINESS),
                "/api/admin/records/" + OTHER_CONTACT);
        await().atMost(PATIENCE).untilAsserted(() -> asLena()
                .get(suite.conversationUrl() + "/api/records/" + OTHER_CONTACT + "/conversations")
                .then().statusCode(200).body("record.inDirectory", is(true)));
    }

    @Test
    void theKnownNumberThroughEveryFailurePathAppearsInNoLogLine() {
        forgedAndMalformedCallbacks();
        String conversationId = anUnknownNumberBecomesALead();
        optOutAndRefusedSends(conversationId);
        failedDeliveryAndSend(conversationId);
        poisonOnEveryConsumedTopic();
        badAdminInput();

        List<String> leaks = new ArrayList<>();
        suite.logs().forEach((service, log) -> log.lines().filter(LogLeakIT::showsTheNumber)
                .forEach(line -> leaks.add(service + ": " + line)));
        assertThat(leaks).as("log lines with the customer's number").isEmpty();
        // The scan itself works: the test's own requests carried the number in all these forms.
        assertThat(WRITTEN).allMatch(LogLeakIT::showsTheNumber);
        assertThat(showsTheNumber("customer ***0142, 2026-12-03 19:30:42,555 port 50142")).isFalse();
    }

    /** 403 for a forged signature, 400 for signed callbacks that cannot make an event; none is published. */
    private static void forgedAndMalformedCallbacks() {
        suite.postTwilioWebhook(sid(), CUSTOMER, BUSINESS, "Forged, call me at (425) 555-0142", false)
                .then().statusCode(403);
        suite.postTwilio("/webhooks/twilio/messages", Map.of("MessageSid", CUSTOMER, "From", CUSTOMER,
                "To", "call " + NATIONAL_DIGITS, "Body", "to a number that is none"), true).then().statusCode(400);
        suite.postTwilio("/webhooks/twilio/messages", Map.of("MessageSid", sid(), "From", CUSTOMER, "To", BUSINESS,
                "NumSegments", CUSTOMER, "NumMedia", "2", "Body", "bad counts"), true).then().statusCode(400);
        suite.postTwilio("/webhooks/twilio/status", Map.of("MessageSid", sid(), "MessageStatus", "lost-" + CUSTOMER,
                "To", CUSTOMER, "From", BUSINESS), true).then().statusCode(400);
        suite.postTwilio("/webhooks/twilio/status", Map.of("MessageStatus", "failed", "ErrorCode", CUSTOMER,
                "To", CUSTOMER), true).then().statusCode(400);
        // The other providers, forged: refused (403), or not served at all where the deployment disables them (404).
        var refused = anyOf(is(401), is(403), is(404));
        given().queryParam("msisdn", NATIONAL_DIGITS).queryParam("to", BUSINESS.substring(1))
                .queryParam("messageId", "leak-" + RUN).queryParam("text", "call (425) 555-0142")
                .queryParam("type", "text").queryParam("timestamp", "1700000000").queryParam("sig", "forged")
                .get(suite.gatewayUrl() + "/webhooks/vonage/inbound").then().statusCode(refused);
        given().contentType(ContentType.JSON).header("x-sms-webhook-secret", "forged")
                .body(Map.of("results", List.of(Map.of("messageId", "leak-" + RUN, "from", NATIONAL_DIGITS,
                        "to", BUSINESS, "text", "call (425) 555-0142", "receivedAt", "2026-11-01T09:00:00Z"))))
                .post(suite.gatewayUrl() + "/webhooks/infobip/inbound").then().statusCode(refused);
        given().contentType(ContentType.JSON).queryParam("code", "forged").header("aeg-subscription-name", "x")
                .body(List.of(Map.of("id", "leak-" + RUN, "eventType", "Microsoft.Communication.SMSReceived",
                        "data", Map.of("from", CUSTOMER, "to", BUSINESS, "message", "call (425) 555-0142"))))
                .post(suite.gatewayUrl() + "/webhooks/acs/events").then().statusCode(refused);
    }

    /** No record carries the number: routing makes a lead for Lena, conversation-service stores the reply on it. */
    private static String anUnknownNumberBecomesALead() {
        suite.postTwilioWebhook(sid(), CUSTOMER, BUSINESS, "Hi, who is this? I am on (425) 555-0142", true)
                .then().statusCode(200);
        String conversationId = await().atMost(PATIENCE).until(() -> JsonPath.from(asLena()
                .get(suite.conversationUrl() + "/api/conversations").then().statusCode(200).extract().asString())
                .getString("items.find { it.customerNumber == '" + CUSTOMER + "' }.id"), id -> id != null);
        assertThat(asLena().get(suite.conversationUrl() + "/api/conversations/" + conversationId).then()
                .statusCode(200).extract().path("record.type").toString()).isEqualTo("LEAD");
        return conversationId;
    }

    /** STOP, then a send refused for the opt-out, one by a seller who may not see the conversation, bad bodies. */
    private static void optOutAndRefusedSends(String conversationId) {
        suite.postTwilioWebhook(sid(), CUSTOMER, BUSINESS, "STOP", true).then().statusCode(200);
        String optOut = suite.conversationUrl() + "/api/conversations/" + conversationId + "/opt-out";
        await().atMost(PATIENCE).untilAsserted(() -> asLena().get(optOut).then().statusCode(200)
                .body("optedOut", is(true)));
        // The lead reaches conversation-service on directory.records, which may lag behind the attach events: until
        // then a send is refused as "not one of the record's numbers" instead of for the opt-out.
        suite.awaitConsumed("conversation-service.directory-records", Topics.DIRECTORY_RECORDS);
        String messages = suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages";
        asLena().contentType(ContentType.JSON).body(Map.of("body", "Still there? (425) 555-0142")).post(messages)
                .then().log().ifValidationFails().statusCode(409);
        RunningSuite.asSeller(MAX).contentType(ContentType.JSON).body(Map.of("body", "Not mine " + CUSTOMER))
                .post(messages).then().statusCode(404);
        asLena().contentType(ContentType.JSON).body(Map.of("body", CUSTOMER.repeat(200))).post(messages)
                .then().statusCode(anyOf(is(400), is(409), is(422)));
        asLena().contentType(ContentType.JSON).body("{\"body\": " + CUSTOMER + "}").post(messages)
                .then().statusCode(400);
        asLena().contentType(ContentType.JSON)
                .body(Map.of("customerNumber", "(425) 555-0142", "businessNumber", BUSINESS))
                .put(suite.conversationUrl() + "/api/records/" + OTHER_CONTACT + "/conversations")
                .then().statusCode(422);
        asLena().contentType(ContentType.JSON)
                .body(Map.of("customerNumber", "+14255550167", "businessNumber", CUSTOMER))
                .put(suite.conversationUrl() + "/api/records/" + OTHER_CONTACT + "/conversations")
                .then().statusCode(anyOf(is(403), is(422)));
    }

    /**
     * START, a send that the provider reports undelivered, a failed report of a message nobody sent, and a send
     * request the gateway must refuse (no such provider) that comes back as SendFailed.
     */
    private static void failedDeliveryAndSend(String conversationId) {
        suite.postTwilioWebhook(sid(), CUSTOMER, BUSINESS, "START", true).then().statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> asLena()
                .get(suite.conversationUrl() + "/api/conversations/" + conversationId + "/opt-out")
                .then().statusCode(200).body("optedOut", is(false)));
        String messageId = asLena().contentType(ContentType.JSON)
                .body(Map.of("body", "Welcome back, your line is (425) 555-0142"))
                .post(suite.conversationUrl() + "/api/conversations/" + conversationId + "/messages")
                .then().statusCode(202).extract().path("id");
        String providerMessageId = suite.kafka().awaitOne(Topics.SEND_RESULTS,
                e -> messageId.equals(e.data().path("messageId").asText()), PATIENCE)
                .data().path("providerMessageId").asText();
        suite.postTwilio("/webhooks/twilio/status", Map.of("MessageSid", providerMessageId,
                "MessageStatus", "undelivered", "ErrorCode", "30003", "To", CUSTOMER, "From", BUSINESS), true)
                .then().statusCode(204);
        suite.postTwilio("/webhooks/twilio/status", Map.of("MessageSid", sid(), "MessageStatus", "failed",
                "ErrorCode", "30006", "To", CUSTOMER, "From", BUSINESS), true).then().statusCode(204);

        String requestId = UUID.randomUUID().toString();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId);
        request.put("conversationId", conversationId);
        request.put("messageId", requestId);
        request.put("provider", "carrier-pigeon");
        request.put("from", BUSINESS);
        request.put("to", CUSTOMER);
        request.put("body", "Nobody sends this to (425) 555-0142");
        request.put("sentBy", LENA);
        request.put("segments", 1);
        request.put("requestedAt", Instant.now().toString());
        suite.kafka().publishEvent(Topics.SEND_REQUESTS, CUSTOMER + "|" + BUSINESS, "leak-send-" + requestId,
                EventTypes.SEND_REQUESTED, request);
        assertThat(suite.kafka().awaitOne(Topics.SEND_RESULTS,
                e -> requestId.equals(e.data().path("requestId").asText()), PATIENCE).type())
                .isEqualTo(EventTypes.SEND_FAILED);
        suite.awaitConsumed("conversation-service.delivery-reports", Topics.DELIVERY_REPORTS);
        suite.awaitConsumed("conversation-service.send-results", Topics.SEND_RESULTS);
        suite.awaitConsumed("notification-service", Topics.CONVERSATION_EVENTS);
    }

    /**
     * On every consumed topic: a value that is no JSON, an event of the topic's type with the number where a time,
     * a count, a flag or an enumeration belongs (parsers quote what they could not read), and a record whose ce_type
     * is the number. Each consumer must dead-letter the unreadable one; all must be consumed.
     */
    private static void poisonOnEveryConsumedTopic() {
        CONSUMERS.keySet().forEach(topic -> {
            String key = "leak-" + RUN + "-" + topic + "-" + CUSTOMER;
            suite.kafka().publishRaw(topic, key, "not json: call " + CUSTOMER + " or (425) 555-0142");
            suite.kafka().publishEvent(topic, key + "-typed", "leak-typed-" + RUN + "-" + topic, typeOf(topic),
                    mistyped(topic));
            suite.kafka().publishEvent(topic, key + "-type", "leak-type-" + RUN + "-" + topic, CUSTOMER,
                    Map.of("from", CUSTOMER));
        });
        // awaitOne fails the test unless the unreadable record reached that consumer's dead-letter topic.
        CONSUMERS.forEach((topic, groups) -> groups.forEach((group, deadLetters) -> {
            String key = "leak-" + RUN + "-" + topic + "-" + CUSTOMER;
            suite.kafka().awaitOne(deadLetters, e -> key.equals(e.key()), PATIENCE);
            suite.awaitConsumed(group, topic);
        }));
    }

    /** The admin API refusing a record whose number is none, singly and in a bulk import. */
    private static void badAdminInput() {
        String id = "record-leak-bad-" + RUN;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("type", "CONTACT");
        record.put("name", "Bad Number");
        record.put("owner", Map.of("sellerId", LENA));
        record.put("active", true);
        record.put("modifiedOn", "2026-11-01T09:00:00Z");
        record.put("phones", List.of(Map.of("kind", "MOBILE", "number", CUSTOMER + "999999")));
        RunningSuite.asAdmin().contentType(ContentType.JSON).body(record)
                .put(suite.routingUrl() + "/api/admin/records/" + id).then().statusCode(400);
        RunningSuite.asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "phones", CUSTOMER))
                .put(suite.routingUrl() + "/api/admin/records/" + id).then().statusCode(400);
        String line = KafkaTestClient.toJson(record);
        String lines = line + "\n{\"id\": \"x\", \"phones\": [{\"kind\": \"MOBILE\", \"number\": " + CUSTOMER + "}]}\n";
        RunningSuite.asAdmin().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post(suite.routingUrl() + "/api/admin/records/import").then()
                .statusCode(anyOf(is(200), is(207), is(400), is(422)));
        RunningSuite.asAdmin().get(suite.routingUrl() + "/api/admin/records/" + id).then().statusCode(404);
    }

    /** The number in any form: as written above, or as a run of its digits with separators between them. */
    static boolean showsTheNumber(String line) {
        if (WRITTEN.stream().anyMatch(line::contains)) {
            return true;
        }
        Matcher digits = Pattern.compile("\\d(?:[\\s().\\-/]{0,2}\\d)+").matcher(line);
        while (digits.find()) {
            if (digits.group().replaceAll("\\D", "").contains(NATIONAL_DIGITS)) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(String topic) {
        return switch (topic) {
            case Topics.INBOUND_MESSAGES -> EventTypes.INBOUND_MESSAGE_RECEIVED;
            case Topics.DELIVERY_REPORTS -> EventTypes.DELIVERY_REPORT_RECEIVED;
            case Topics.MESSAGE_ATTACHMENTS -> EventTypes.MESSAGE_ATTACHED;
            case Topics.CONVERSATION_EVENTS -> EventTypes.CONVERSATION_MESSAGE_ADDED;
            case Topics.SEND_REQUESTS -> EventTypes.SEND_REQUESTED;
            case Topics.SEND_RESULTS -> EventTypes.SEND_FAILED;
            case Topics.DIRECTORY_RECORDS -> EventTypes.DIRECTORY_RECORD_UPSERTED;
            case Topics.DIRECTORY_SELLERS -> EventTypes.DIRECTORY_SELLER_UPSERTED;
            case Topics.DIRECTORY_TEAMS -> EventTypes.DIRECTORY_TEAM_UPSERTED;
            case Topics.DIRECTORY_BUSINESS_NUMBERS -> EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED;
            default -> throw new IllegalArgumentException(topic);
        };
    }

    /** An event of the topic's type that carries the number in a field of another type. */
    private static Map<String, Object> mistyped(String topic) {
        Map<String, Object> event = new LinkedHashMap<>();
        switch (topic) {
            case Topics.INBOUND_MESSAGES -> {
                event.putAll(Map.of("provider", "twilio", "providerMessageId", sid(), "from", CUSTOMER,
                        "to", BUSINESS, "body", "typed (425) 555-0142", "receivedAt", CUSTOMER));
                event.put("segments", CUSTOMER);
            }
            case Topics.DELIVERY_REPORTS -> event.putAll(Map.of("provider", "twilio", "providerMessageId", sid(),
                    "status", CUSTOMER, "to", CUSTOMER, "reportedAt", CUSTOMER));
            case Topics.MESSAGE_ATTACHMENTS -> event.putAll(Map.of("inboundEventId", "leak-" + RUN,
                    "message", Map.of("from", CUSTOMER, "to", BUSINESS, "receivedAt", CUSTOMER, "segments", CUSTOMER),
                    "record", Map.of("id", "r", "type", CUSTOMER)));
            case Topics.CONVERSATION_EVENTS -> event.putAll(Map.of("conversationId", UUID.randomUUID().toString(),
                    "messageId", UUID.randomUUID().toString(), "customerNumber", CUSTOMER, "businessNumber", BUSINESS,
                    "direction", CUSTOMER, "occurredAt", CUSTOMER, "body", "typed (425) 555-0142"));
            case Topics.SEND_REQUESTS -> event.putAll(Map.of("requestId", UUID.randomUUID().toString(),
                    "messageId", "m", "provider", "twilio", "to", CUSTOMER, "from", BUSINESS,
                    "segments", CUSTOMER, "requestedAt", CUSTOMER));
            case Topics.SEND_RESULTS -> event.putAll(Map.of("requestId", UUID.randomUUID().toString(),
                    "messageId", "m", "provider", "twilio", "reason", CUSTOMER, "failedAt", CUSTOMER));
            case Topics.DIRECTORY_RECORDS -> event.putAll(Map.of("id", "record-" + CUSTOMER, "type", "CONTACT",
                    "name", "typed", "modifiedOn", CUSTOMER, "phones", List.of(Map.of("kind", CUSTOMER,
                            "number", CUSTOMER))));
            case Topics.DIRECTORY_SELLERS -> event.putAll(Map.of("id", "seller-" + CUSTOMER, "name", CUSTOMER,
                    "teamIds", CUSTOMER, "sellerPrivilege", CUSTOMER));
            case Topics.DIRECTORY_TEAMS -> event.putAll(Map.of("id", CUSTOMER, "name", List.of(CUSTOMER)));
            case Topics.DIRECTORY_BUSINESS_NUMBERS -> event.putAll(Map.of("number", CUSTOMER, "name", "typed",
                    "type", CUSTOMER, "ownerSellerIds", CUSTOMER, "provider", "twilio"));
            default -> throw new IllegalArgumentException(topic);
        }
        return event;
    }

    /** topic -> (consumer group -> that consumer's dead-letter topic), as the services' application.properties say. */
    private static Map<String, Map<String, String>> consumers() {
        Map<String, Map<String, String>> consumers = new LinkedHashMap<>();
        consumers.put(Topics.INBOUND_MESSAGES, Map.of("routing-service.inbound-messages",
                "sms.inbound-messages.dlq.routing-service"));
        consumers.put(Topics.DELIVERY_REPORTS, Map.of("conversation-service.delivery-reports",
                "sms.delivery-reports.dlq.conversation-service"));
        consumers.put(Topics.MESSAGE_ATTACHMENTS, Map.of("conversation-service",
                "sms.message-attachments.dlq.conversation-service"));
        consumers.put(Topics.CONVERSATION_EVENTS, Map.of("routing-service",
                "sms.conversation-events.dlq.routing-service", "notification-service",
                "sms.conversation-events.dlq.notification-service"));
        consumers.put(Topics.SEND_REQUESTS, Map.of("inbound-gateway", "sms.send-requests.dlq.inbound-gateway"));
        consumers.put(Topics.SEND_RESULTS, Map.of("conversation-service.send-results",
                "sms.send-results.dlq.conversation-service"));
        for (String directory : List.of(Topics.DIRECTORY_RECORDS, Topics.DIRECTORY_SELLERS, Topics.DIRECTORY_TEAMS,
                Topics.DIRECTORY_BUSINESS_NUMBERS)) {
            String channel = directory.replace('.', '-');
            Map<String, String> groups = new LinkedHashMap<>();
            groups.put("routing-service." + channel, directory + ".dlq.routing-service");
            groups.put("conversation-service." + channel, directory + ".dlq.conversation-service");
            if (directory.equals(Topics.DIRECTORY_SELLERS)) {
                groups.put("notification-service." + channel, directory + ".dlq.notification-service");
            }
            consumers.put(directory, groups);
        }
        return consumers;
    }

    private static RequestSpecification asLena() {
        return RunningSuite.asSeller(LENA);
    }

    private static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
