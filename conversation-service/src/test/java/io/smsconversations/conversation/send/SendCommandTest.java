package io.smsconversations.conversation.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.conversation.access.Caller;

/** The id a send is stored under: the seller's Idempotency-Key names it, so a repeat finds the first request's. */
@Tag("fast")
class SendCommandTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final UUID CONVERSATION = UUID.randomUUID();

    @Test
    void anIdempotencyKeyNamesTheSendPerSeller() {
        SendCommand first = SendCommand.of(ALICE, CONVERSATION, "Hi", null, null, "key-1", false);
        SendCommand again = SendCommand.of(ALICE, CONVERSATION, "Hi", null, null, "key-1", false);
        assertThat(first.messageId()).isNotEqualTo(again.messageId());
        assertThat(first.sourceEventId()).isEqualTo(again.sourceEventId()).isEqualTo("send:alice:key-1");
        assertThat(SendCommand.of(new Caller("bob", false), CONVERSATION, "Hi", null, null, "key-1", false)
                .sourceEventId()).isEqualTo("send:bob:key-1");
    }

    @Test
    void withoutAKeyEveryRequestIsItsOwnSend() {
        SendCommand command = SendCommand.of(ALICE, CONVERSATION, "Hi", null, null, null, false);
        assertThat(command.sourceEventId()).isEqualTo("send:" + command.messageId());
        assertThat(SendCommand.of(ALICE, CONVERSATION, "Hi", null, null, null, false).sourceEventId())
                .isNotEqualTo(command.sourceEventId());
    }

    @Test
    void noValuesAreEmptyValues() {
        assertThat(SendCommand.of(ALICE, CONVERSATION, null, UUID.randomUUID(), null, null, true).values()).isEmpty();
        assertThat(SendCommand.of(ALICE, CONVERSATION, null, UUID.randomUUID(), Map.of("RecordName", "Ada"), null,
                true).values()).containsEntry("RecordName", "Ada");
    }
}
