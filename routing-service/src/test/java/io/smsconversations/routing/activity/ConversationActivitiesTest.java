package io.smsconversations.routing.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;

/** Rule 1's input from sms.conversation-events, without a broker: what counts, and what is poison. */
@Tag("fast")
class ConversationActivitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant AT = Instant.parse("2026-11-20T09:30:00.123Z");
    private static final RecordRef CONTACT = new RecordRef("c-1", RecordType.CONTACT, "Ada", Owner.seller("sam"));
    private static final RecordRef ACCOUNT = new RecordRef("a-1", RecordType.ACCOUNT, "Contoso", Owner.team("t-1"));

    @Test
    void anAddedMessageIsActivityOnItsRecordWithTheNumbersInE164() {
        ConversationActivity activity = ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_ADDED,
                added(CONTACT, "+1 (425) 555-0100", "+1 425 555 0199", AT)), JSON);

        assertThat(activity).isEqualTo(new ConversationActivity("+14255550100", "+14255550199", "c-1", "conv-1", AT,
                "e-1", EventTypes.CONVERSATION_MESSAGE_ADDED));
    }

    @Test
    void aMoveIsActivityOnTheRecordMovedToAtTheTimeOfTheMove() {
        ConversationActivity activity = ConversationActivities.of(event(EventTypes.CONVERSATION_MOVED,
                new ConversationMoved("m-1", "conv-1", CONTACT, ACCOUNT, "+14255550100", "+14255550199", "sam", AT)),
                JSON);

        assertThat(activity.recordId()).isEqualTo("a-1");
        assertThat(activity.occurredAt()).isEqualTo(AT);
        assertThat(activity.eventType()).isEqualTo(EventTypes.CONVERSATION_MOVED);
    }

    @Test
    void statusAndOptOutChangesSayNothingAboutWhoHoldsTheConversation() {
        assertThat(ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, "{}"), JSON))
                .isNull();
        assertThat(ConversationActivities.of(event(EventTypes.CONVERSATION_OPT_OUT_CHANGED, "{}"), JSON)).isNull();
    }

    @Test
    void anUnknownTypeIsPoisonNamingTheKnownOnes() {
        assertThatThrownBy(() -> ConversationActivities.of(event("io.smsconversations.something.v9", "{}"), JSON))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("unknown CloudEvents type on " + Topics.CONVERSATION_EVENTS)
                .hasMessageContaining(EventTypes.CONVERSATION_MOVED);
    }

    @Test
    void everyMissingFieldIsNamedAtOnce() {
        assertThatThrownBy(() -> ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_ADDED,
                added(new RecordRef(" ", RecordType.CONTACT, "Ada", null), null, "", null)), JSON))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessage("missing field(s): record.id, customerNumber, businessNumber, occurredAt");
        assertThatThrownBy(() -> ConversationActivities.of(event(EventTypes.CONVERSATION_MOVED,
                new ConversationMoved("m-1", "conv-1", CONTACT, null, "+14255550100", "+14255550199", "sam", null)),
                JSON))
                .isInstanceOf(PoisonRecordException.class).hasMessage("missing field(s): to.id, movedAt");
    }

    @Test
    void aNumberThatIsNotOneIsPoisonWithoutQuotingIt() {
        assertThatThrownBy(() -> ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_ADDED,
                added(CONTACT, "not a number", "+14255550199", AT)), JSON))
                .isInstanceOf(PoisonRecordException.class).hasMessage("customerNumber is not an E.164 number");
        assertThatThrownBy(() -> ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_ADDED,
                added(CONTACT, "+14255550100", "12", AT)), JSON))
                .isInstanceOf(PoisonRecordException.class).hasMessage("businessNumber is not " + BusinessAddress.EXPECTED);
        assertThat(ConversationActivities.of(event(EventTypes.CONVERSATION_MESSAGE_ADDED,
                added(CONTACT, "+14255550100", "US:12345", AT)), JSON).businessNumber()).isEqualTo("US:12345");
    }

    @Test
    void aPayloadThatIsNotTheTypesJsonIsPoison() {
        assertThatThrownBy(() -> ConversationActivities.of(event(EventTypes.CONVERSATION_MOVED, "{\"moveId\":"), JSON))
                .isInstanceOf(PoisonRecordException.class);
    }

    private static ConversationMessageAdded added(RecordRef record, String customer, String business, Instant at) {
        return new ConversationMessageAdded("conv-1", "msg-1", record, customer, business, MessageDirection.OUTBOUND,
                "See you tomorrow", at, List.of());
    }

    private static IncomingEvent event(String type, Object payload) {
        String json;
        try {
            json = payload instanceof String text ? text : JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new IncomingEvent("e-1", type, "/sms-conversations/conversation-service", null, AT, "conv-1",
                Topics.CONVERSATION_EVENTS, 0, 0L, json);
    }
}
