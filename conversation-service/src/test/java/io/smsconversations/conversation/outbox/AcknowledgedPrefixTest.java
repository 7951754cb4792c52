package io.smsconversations.conversation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.conversation.outbox.AcknowledgedPrefix.Sent;

/** A plain unit test: which rows a relay pass stamps when Kafka took only some of them. */
@Tag("fast")
class AcknowledgedPrefixTest {

    @Test
    void stampsPerKeyOnlyWhatPrecedesTheFirstRowKafkaDidNotTake() {
        List<Sent> pass = List.of(
                new Sent(1, "sms.conversation-events", "c1", true),
                new Sent(2, "sms.conversation-events", "c2", false),
                new Sent(3, "sms.conversation-events", "c1", true),
                new Sent(4, "sms.conversation-events", "c2", true), // after c2's failure: stays pending
                new Sent(5, "sms.send-requests", "c2", true), // another topic, another key
                new Sent(6, "sms.conversation-events", "c1", false),
                new Sent(7, "sms.conversation-events", "c1", true));

        assertThat(AcknowledgedPrefix.of(pass)).containsExactly(1L, 3L, 5L);
    }

    @Test
    void everythingAcknowledgedIsEverythingStamped() {
        assertThat(AcknowledgedPrefix.of(List.of(new Sent(1, "t", "k", true), new Sent(2, "t", "k", true))))
                .containsExactly(1L, 2L);
    }
}
