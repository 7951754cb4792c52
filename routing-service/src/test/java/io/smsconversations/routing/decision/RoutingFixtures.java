package io.smsconversations.routing.decision;

import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.unique;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;

import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/** The directory through the admin API (waiting until the service stored it), and events in and out. */
final class RoutingFixtures {

    private RoutingFixtures() {
    }

    static void seller(String id, List<String> teams, boolean privilege) {
        put("/api/admin/sellers/" + id, new Seller(id, "Seller " + id, teams, privilege), Seller.class);
        await().atMost(WAIT).until(() -> get("/api/admin/sellers/" + id, Seller.class) != null);
    }

    static void businessNumber(String number, List<String> sellers, List<String> teams) {
        String path = "/api/admin/business-numbers/" + number.substring(1);
        put(path, new BusinessNumber(number, unique("Line"), BusinessNumberType.LONG_CODE, sellers, teams, "twilio"),
                BusinessNumber.class);
        await().atMost(WAIT).until(() -> get(path, BusinessNumber.class) != null);
    }

    static void record(DirectoryRecord record) {
        DirectoryRecord published = put("/api/admin/records/" + record.id(), record, DirectoryRecord.class);
        await().atMost(WAIT).until(() -> published.equals(get("/api/admin/records/" + record.id(),
                DirectoryRecord.class)));
    }

    static InboundMessageReceived message(String from, String to, String body) {
        return new InboundMessageReceived("twilio", unique("SM"), from, to, body, Instant.now(), List.of(), 1);
    }

    /** Publishes the inbound event with the id the gateway gives it, and returns that id. */
    static String publish(KafkaTestClient kafka, InboundMessageReceived message) {
        String inboundId = EventIds.inboundMessage(message.provider(), message.providerMessageId());
        kafka.publishEvent(Topics.INBOUND_MESSAGES, ConversationKey.of(message.from(), message.to()), inboundId,
                EventTypes.INBOUND_MESSAGE_RECEIVED, message);
        return inboundId;
    }

    static CloudEventRecord awaitAttach(KafkaTestClient kafka, String inboundId) {
        String attachId = EventIds.derived("attach", inboundId);
        return kafka.awaitOne(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()), WAIT);
    }

    /** What conversation-service publishes when it stores a message in the conversation of {@code record}. */
    static ConversationMessageAdded messageAdded(RecordRef record, String customer, String business,
            Instant occurredAt) {
        return new ConversationMessageAdded(java.util.UUID.randomUUID().toString(),
                java.util.UUID.randomUUID().toString(), record, customer, business, MessageDirection.OUTBOUND,
                "See you tomorrow", occurredAt, List.of());
    }

    static String publishAdded(KafkaTestClient kafka, ConversationMessageAdded added) {
        String id = EventIds.derived("message-added", added.messageId());
        kafka.publishEvent(Topics.CONVERSATION_EVENTS, added.conversationId(), id,
                EventTypes.CONVERSATION_MESSAGE_ADDED, added);
        return id;
    }
}
