package io.smsconversations.conversation.send;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.TestTokens;

/**
 * A conversation a seller may send on: the seller owns the record (whose phones include the customer number) and the
 * business number, in the directory projection, and the customer has written once.
 */
public record Line(String seller, RecordRef record, String customer, String business, String conversationId) {

    public String token() {
        return TestTokens.seller(seller);
    }

    /** A ready line: every directory entry it needs is in the projection. */
    public static Line open(KafkaTestClient kafka) {
        String seller = unique("seller");
        return open(kafka, seller, seller, true);
    }

    /**
     * @param numberOwner     who owns the business number
     * @param customerOnRecord whether the record lists the customer number among its phones
     */
    public static Line open(KafkaTestClient kafka, String seller, String numberOwner, boolean customerOnRecord) {
        return open(kafka, seller, numberOwner, customerOnRecord, number(), Instant.now());
    }

    /**
     * @param business the business number (a fixed one the test profile configures something for)
     * @param helloAt  when the customer's first message arrived (quiet hours allow replies soon after one)
     */
    public static Line open(KafkaTestClient kafka, String seller, String numberOwner, boolean customerOnRecord,
            String business, Instant helloAt) {
        String customer = number();
        RecordRef record = new RecordRef(unique("contact"), RecordType.CONTACT, "Ada Lovelace", Owner.seller(seller));
        Fixtures.publishSeller(kafka, seller);
        Fixtures.publishBusinessNumber(kafka, business, List.of(numberOwner), List.of());
        publishRecord(kafka, record, customerOnRecord ? List.of(customer) : List.of(number()));
        publish(kafka, attached(record, customer, business, "Hello", helloAt, List.of()));
        String conversationId = awaitConversation(TestTokens.seller(seller), customer, business);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> TestDatabase.count(
                "SELECT count(*) FROM directory_business_number_seller WHERE number = ? AND seller_id = ?",
                business, numberOwner) == 1
                && TestDatabase.count("SELECT count(*) FROM directory_record_phone WHERE record_id = ?",
                        record.id()) == 1);
        return new Line(seller, record, customer, business, conversationId);
    }

    public static DirectoryRecord publishRecord(KafkaTestClient kafka, RecordRef record, List<String> phones) {
        DirectoryRecord entry = new DirectoryRecord(record.id(), record.type(), record.name(), record.owner(), true,
                Fixtures.now(), phones.stream().map(p -> new PhoneNumber(PhoneKind.MOBILE, p)).toList(), null);
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, entry.id(), unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, entry);
        return entry;
    }

    public ValidatableResponse send(String body) {
        return send(token(), Map.of("body", body));
    }

    public ValidatableResponse send(String token, Map<String, ?> request) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(request)
                .when().post("/api/conversations/" + conversationId + "/messages")
                .then();
    }

    /** How many outbound messages of sellers this conversation holds (automatic keyword answers aside). */
    public long outboundMessages() {
        return TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ? AND direction = 'OUTBOUND' "
                + "AND auto_reply IS NULL", java.util.UUID.fromString(conversationId));
    }

    /**
     * How many send requests of sellers of this conversation were written to the outbox (the only way anything is
     * published); the automatic keyword answers have no {@code sentBy}.
     */
    public long sendRequestsInOutbox() {
        return TestDatabase.count("SELECT count(*) FROM outbox_event WHERE topic = ? AND payload->>'conversationId' = ? "
                + "AND payload->>'sentBy' IS NOT NULL", Topics.SEND_REQUESTS, conversationId);
    }

    /** How many events about this conversation were written to the outbox. */
    public long outboxEvents(String type) {
        return TestDatabase.count("SELECT count(*) FROM outbox_event WHERE ce_type = ? AND message_key = ?", type,
                conversationId);
    }
}
