package io.smsconversations.routing.messaging;

import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.publishWithHeaders;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * Records whose CloudEvents headers are broken (a spec version but no source, an id missing) are dead-lettered by the
 * service with a reason, and the records behind them on the same partition are processed: the channels read the
 * headers themselves ({@code cloud-events=false}) instead of failing inside SmallRye's CloudEvents parsing.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class BrokenCloudEventHeadersTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void anInboundMessageWithBrokenHeadersIsDeadLetteredWithTheReasonAndTheNextOneIsRouted() {
        String from = number("425");
        String to = number("206");
        String key = ConversationKey.of(from, to);
        InboundMessageReceived broken = message(from, to);
        publishWithHeaders(Topics.INBOUND_MESSAGES, key, json(broken), Map.of(
                "ce_specversion", "1.0",
                "ce_id", EventIds.inboundMessage("twilio", broken.providerMessageId()),
                "ce_type", EventTypes.INBOUND_MESSAGE_RECEIVED));
        publishWithHeaders(Topics.INBOUND_MESSAGES, key, json(message(from, to)), Map.of(
                "ce_specversion", "0.3",
                "ce_source", "/elsewhere",
                "ce_type", EventTypes.INBOUND_MESSAGE_RECEIVED));
        InboundMessageReceived good = message(from, to);
        String goodId = EventIds.inboundMessage("twilio", good.providerMessageId());
        KAFKA.publishEvent(Topics.INBOUND_MESSAGES, key, goodId, EventTypes.INBOUND_MESSAGE_RECEIVED, good);

        assertThat(awaitRaw(Topics.INBOUND_MESSAGES + ".dlq.routing-service", r -> key.equals(r.key()), 2, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly("broken CloudEvents headers: ce_source missing",
                        "broken CloudEvents headers: ce_specversion is not 1.0, ce_id missing");
        String attachId = EventIds.derived("attach", goodId);
        MessageAttached attached = KAFKA.awaitOne(Topics.MESSAGE_ATTACHMENTS, e -> attachId.equals(e.id()), WAIT)
                .dataAs(MessageAttached.class);
        assertThat(attached.inboundEventId()).isEqualTo(goodId);
        assertThat(attached.decidingRule()).isEqualTo("new lead");
    }

    @Test
    void conversationEventsAndDirectoryEntriesWithBrokenHeadersAreDeadLetteredToo() {
        String conversationId = unique("conversation");
        publishWithHeaders(Topics.CONVERSATION_EVENTS, conversationId, "{}", Map.of(
                "ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(),
                "ce_type", EventTypes.CONVERSATION_MESSAGE_ADDED));
        assertThat(awaitRaw(Topics.CONVERSATION_EVENTS + ".dlq.routing-service",
                r -> conversationId.equals(r.key()), 1, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly("broken CloudEvents headers: ce_source missing");

        String broken = unique("lead");
        String good = unique("lead");
        publishWithHeaders(Topics.DIRECTORY_RECORDS, broken, json(lead(broken)), Map.of(
                "ce_specversion", "1.0",
                "ce_type", EventTypes.DIRECTORY_RECORD_UPSERTED));
        KAFKA.publishEvent(Topics.DIRECTORY_RECORDS, good, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_RECORD_UPSERTED, lead(good));

        assertThat(awaitRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service", r -> broken.equals(r.key()), 1, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly("broken CloudEvents headers: ce_id missing, ce_source missing");
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + good, DirectoryRecord.class) != null);
        assertThat(get("/api/admin/records/" + broken, DirectoryRecord.class)).isNull();
    }

    private static InboundMessageReceived message(String from, String to) {
        return new InboundMessageReceived("twilio", unique("SM"), from, to, "Hello", Instant.now(), List.of(), 1);
    }

    private static DirectoryRecord lead(String id) {
        return new DirectoryRecord(id, RecordType.LEAD, "Lead", null, true, null, List.of(), null);
    }
}
