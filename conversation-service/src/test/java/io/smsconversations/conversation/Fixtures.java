package io.smsconversations.conversation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;

/** Test data and the few steps every test takes. Ids and numbers are unique: the broker is shared by the module. */
public final class Fixtures {

    public static final Duration EVENTUALLY = Duration.ofSeconds(30);
    public static final String DEAD_LETTER_TOPIC = Topics.MESSAGE_ATTACHMENTS + ".dlq.conversation-service";

    private Fixtures() {
    }

    private static KafkaTestClient kafka;

    /** One client of the module's broker for every test class; its threads end with the JVM. */
    public static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = KafkaTestClient.forSuite();
        }
        return kafka;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /**
     * A valid, unique enough US number in E.164 (area code 425): its exchange starts with 2-9 and is not N11, so
     * libphonenumber knows it exactly (its time zone is America/Los_Angeles, which quiet hours read).
     */
    public static String number() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int exchange = 200 + random.nextInt(800);
        if (exchange % 100 == 11) {
            exchange += 1;
        }
        return "+1425" + exchange + String.format("%04d", random.nextInt(10_000));
    }

    /** Now, at a precision JSON and PostgreSQL both keep. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static RecordRef contact(String ownerSellerId) {
        return new RecordRef(unique("contact"), RecordType.CONTACT, "Ada Lovelace", Owner.seller(ownerSellerId));
    }

    public static MessageAttached attached(RecordRef record, String from, String to, String body, Instant receivedAt,
            List<AlertRecipient> alerts) {
        InboundMessageReceived message = new InboundMessageReceived("twilio", unique("SM"), from, to, body,
                receivedAt, List.of(new MediaReference(UUID.randomUUID().toString(),
                        "image/jpeg")),
                2);
        String inboundEventId = EventIds.inboundMessage(message.provider(), message.providerMessageId());
        return new MessageAttached(inboundEventId, message, record, "single candidate", alerts);
    }

    /**
     * {@code attached} as routing-service decides it now: saying that the latest conversation activity it knew of
     * between the two numbers was on {@code recordId} at {@code at} (null, null: it knew none).
     */
    public static MessageAttached seeing(MessageAttached attached, String recordId, Instant at) {
        return new MessageAttached(attached.inboundEventId(), attached.message(), attached.record(),
                attached.decidingRule(), attached.alerts(), now(), recordId, at);
    }

    /** The CloudEvents id routing-service gives the attach event. */
    public static String attachEventId(MessageAttached attached) {
        return EventIds.derived("attach", attached.inboundEventId());
    }

    public static String publish(KafkaTestClient kafka, MessageAttached attached) {
        String id = attachEventId(attached);
        kafka.publishEvent(Topics.MESSAGE_ATTACHMENTS, key(attached), id, EventTypes.MESSAGE_ATTACHED, attached);
        return id;
    }

    public static String key(MessageAttached attached) {
        return ConversationKey.of(attached.message().from(), attached.message().to());
    }

    /** The conversations page {@code token} gets with {@code query} (e.g. {@code "?limit=200"}). */
    public static List<Map<String, Object>> conversations(String token, String query) {
        return given().auth().oauth2(token).when().get("/api/conversations" + query)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("items");
    }

    public static Optional<Map<String, Object>> conversationWith(String token, String customerNumber,
            String businessNumber) {
        return conversations(token, "?limit=200").stream()
                .filter(c -> customerNumber.equals(c.get("customerNumber"))
                        && businessNumber.equals(c.get("businessNumber")))
                .findFirst();
    }

    /** Waits until {@code token} sees the conversation between the two numbers, and answers its id. */
    public static String awaitConversation(String token, String customerNumber, String businessNumber) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> conversationWith(token, customerNumber, businessNumber), Optional::isPresent)
                .map(c -> (String) c.get("id")).orElseThrow();
    }

    public static List<Map<String, Object>> messages(String token, String conversationId) {
        return given().auth().oauth2(token).when().get("/api/conversations/" + conversationId + "/messages")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("items");
    }

    /** The value of a counter or gauge on /q/metrics (the sum over its series), 0 when it is not there. */
    /** The sum of a metric's series; {@code name} may end in the start of a label set, e.g. {@code x{channel="c"}. */
    public static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = name.contains("{") ? name : name + "{";
        return text.lines()
                .filter(line -> line.startsWith(series) || line.startsWith(name + " "))
                // The value follows the series; an exemplar (" # {trace_id=...} 1.0 <time>") may follow it.
                .mapToDouble(line -> Double.parseDouble(line.substring(line.startsWith(series)
                        ? line.indexOf("} ") + 2 : name.length() + 1).strip().split(" ")[0]))
                .sum();
    }

    /** Waits until the conversation holds {@code count} messages, and answers them. */
    public static List<Map<String, Object>> awaitMessages(String token, String conversationId, int count) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> messages(token, conversationId), list -> list.size() >= count);
    }

    // --- the directory, as routing-service's admin API or the CRM publish it (compacted topics, key = id)

    public static RecordRef teamContact(String teamId) {
        return new RecordRef(unique("contact"), RecordType.CONTACT, "Grace Hopper", Owner.team(teamId));
    }

    /** Publishes {@code record} on directory.records with the owner given (the name and type of {@code record}). */
    public static DirectoryRecord publishRecord(KafkaTestClient kafka, RecordRef record, Owner owner) {
        DirectoryRecord entry = new DirectoryRecord(record.id(), record.type(), record.name(), owner, true, now(),
                List.of(), null);
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, entry.id(), unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, entry);
        return entry;
    }

    public static Seller publishSeller(KafkaTestClient kafka, String sellerId, String... teamIds) {
        Seller seller = new Seller(sellerId, "Seller " + sellerId, List.of(teamIds), true);
        kafka.publishEvent(Topics.DIRECTORY_SELLERS, sellerId, unique("seller-event"),
                EventTypes.DIRECTORY_SELLER_UPSERTED, seller);
        return seller;
    }

    public static BusinessNumber publishBusinessNumber(KafkaTestClient kafka, String number, List<String> sellerIds,
            List<String> teamIds) {
        BusinessNumber entry = new BusinessNumber(number, unique("Line"), BusinessNumberType.LONG_CODE, sellerIds,
                teamIds, "twilio");
        kafka.publishEvent(Topics.DIRECTORY_BUSINESS_NUMBERS, number, unique("number-event"),
                EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED, entry);
        return entry;
    }

    /** A tombstone: the entry with this key is deleted. */
    public static void publishTombstone(KafkaTestClient kafka, String topic, String key) {
        kafka.publishRaw(topic, key, null);
    }

    /** The status {@code token} gets for the conversation. */
    public static int conversationStatus(String token, String conversationId) {
        return given().auth().oauth2(token).when().get("/api/conversations/" + conversationId)
                .then().extract().statusCode();
    }
}
