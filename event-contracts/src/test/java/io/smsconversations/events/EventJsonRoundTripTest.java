package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The payloads must survive JSON the way Quarkus' ObjectMapper writes it (ISO dates, unknown fields ignored). */
class EventJsonRoundTripTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void messageAttachedSurvivesJson() throws Exception {
        var inbound = new InboundMessageReceived("twilio", "SM123", "+14255550100", "+14255550199", "Hi",
                Instant.parse("2026-11-24T10:15:30Z"), List.of(new MediaReference("6f1c1b1e-0d4c-3c5a-9a43-2f0e4b7c9d10", "image/png")), 1);
        var attached = new MessageAttached(EventIds.inboundMessage("twilio", "SM123"), inbound,
                new RecordRef("c-1", RecordType.CONTACT, "Ada", Owner.seller("s-1")), "single candidate",
                List.of(new AlertRecipient("s-1", true)));

        String text = json.writeValueAsString(attached);

        assertThat(text).contains("\"receivedAt\":\"2026-11-24T10:15:30Z\"");
        assertThat(json.readValue(text, MessageAttached.class)).isEqualTo(attached);
        // The media reference is the gateway's opaque id: no provider URL is part of the contract any more.
        assertThat(text).contains("\"media\":[{\"mediaId\":\"6f1c1b1e-0d4c-3c5a-9a43-2f0e4b7c9d10\",\"contentType\":\"image/png\"}]")
                .doesNotContain("url");
    }

    @Test
    void messageAttachedCarriesWhatRuleOneSawAndReadsWithoutIt() throws Exception {
        var inbound = new InboundMessageReceived("twilio", "SM124", "+14255550100", "+14255550199", "Hi",
                Instant.parse("2026-11-24T10:15:30Z"), List.of(), 1);
        var attached = new MessageAttached(EventIds.inboundMessage("twilio", "SM124"), inbound,
                new RecordRef("c-1", RecordType.CONTACT, "Ada", Owner.seller("s-1")), "rule 1: most recent conversation",
                List.of(), Instant.parse("2026-11-24T10:15:31.123456Z"), "o-1", Instant.parse("2026-11-24T10:15:29Z"));

        String text = json.writeValueAsString(attached);

        assertThat(text).contains("\"lastConversationRecordId\":\"o-1\"")
                .contains("\"lastConversationAt\":\"2026-11-24T10:15:29Z\"");
        assertThat(json.readValue(text, MessageAttached.class)).isEqualTo(attached);
        // An event from a routing-service that predates the fields: they are unknown (null), the rest as before.
        String older = text.replaceAll(",\"(decidedAt|lastConversationRecordId|lastConversationAt)\":\"[^\"]*\"", "");
        assertThat(older).doesNotContain("lastConversation");
        assertThat(json.readValue(older, MessageAttached.class)).isEqualTo(new MessageAttached(attached.inboundEventId(),
                inbound, attached.record(), attached.decidingRule(), List.of()));
    }

    @Test
    void missingListsBecomeEmptyNotNull() throws Exception {
        var record = json.readValue("{\"id\":\"r\",\"type\":\"LEAD\",\"active\":true}", DirectoryRecord.class);

        assertThat(record.phones()).isEmpty();
        assertThat(record.relatedContactIds()).isEmpty();
        assertThat(record.type()).isEqualTo(RecordType.LEAD);
    }

    @Test
    void opportunityRelationsSurviveJson() throws Exception {
        var opportunity = new DirectoryRecord("o-1", RecordType.OPPORTUNITY, "Renewal", Owner.team("t-1"), true,
                Instant.parse("2026-11-24T10:15:30Z"), List.of(), null, "a-1", List.of("c-1", "c-2"));

        assertThat(json.readValue(json.writeValueAsString(opportunity), DirectoryRecord.class)).isEqualTo(opportunity);
    }

    @Test
    void sendAndConversationEventsSurviveJson() throws Exception {
        var at = Instant.parse("2026-11-24T10:15:30Z");
        var record = new RecordRef("c-1", RecordType.CONTACT, "Ada", Owner.seller("s-1"));
        List<Object> events = List.of(
                new SendRequested("m-1", "conv-1", "m-1", "twilio", "+14255550199", "+14255550100", "Hi", "s-1", 1, at),
                new SendAccepted("m-1", "conv-1", "m-1", "twilio", "SM9", at),
                new SendFailed("m-1", "conv-1", "m-1", "twilio", FailureReason.RecipientOptedOut, "21610", "opted out",
                        at),
                new ConversationMessageStatusChanged("conv-1", "m-1", record, "+14255550100", "+14255550199", "s-1",
                        DeliveryStatus.FAILED, FailureReason.Unreachable, "30003", "unreachable", at),
                new ConversationMoved("mv-1", "conv-1", record,
                        new RecordRef("o-1", RecordType.OPPORTUNITY, "Renewal", Owner.team("t-1")), "+14255550100",
                        "+14255550199", "s-1", at),
                new ConversationOptOutChanged("conv-1", "+14255550100", "+14255550199", true, "KEYWORD", "e-1", at),
                new Team("t-1", "North"));

        for (Object event : events) {
            assertThat(json.readValue(json.writeValueAsString(event), event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void eventIdsAreDeterministicPerProviderMessage() {
        assertThat(EventIds.inboundMessage("twilio", "SM1")).isEqualTo(EventIds.inboundMessage("twilio", "SM1"));
        assertThat(EventIds.inboundMessage("twilio", "SM1")).isNotEqualTo(EventIds.inboundMessage("vonage", "SM1"));
        assertThat(EventIds.derived("attach", "x")).isNotEqualTo(EventIds.derived("message-added", "x"));
        assertThat(EventIds.messageStatus("m", DeliveryStatus.SENT))
                .isNotEqualTo(EventIds.messageStatus("m", DeliveryStatus.DELIVERED));
    }
}
