package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class IncomingEventTest {

    private final ObjectMapper json = new ObjectMapper();

    record Payload(String customerNumber, String body) {
    }

    @Test
    void readsTheAttributesFromTheHeaders() {
        IncomingEvent event = IncomingEvent.cloudEvent(Records.cloudEvent("sms.t", "k1", "{}", "T"));

        assertThat(event.id()).isEqualTo("id-1");
        assertThat(event.type()).isEqualTo("T");
        assertThat(event.key()).isEqualTo("k1");
        assertThat(event.where()).isEqualTo("sms.t-2@41");
    }

    @Test
    void brokenHeadersArePoisonNamingEveryAttributeAtFault() {
        var broken = Records.consumed("sms.t", "k", "{}", "ce_specversion", "0.3", "ce_type", "T");

        assertThatThrownBy(() -> IncomingEvent.cloudEvent(broken)).isInstanceOf(PoisonRecordException.class)
                .hasMessage("broken CloudEvents headers: ce_specversion is not 1.0, ce_id missing, ce_source missing");
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsPoisonUnlessItIsADirectoryEntry() {
        var plain = Records.consumed("directory.sellers", "s1", null);

        assertThatThrownBy(() -> IncomingEvent.cloudEvent(plain)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("not a binary-mode CloudEvent");
        IncomingEvent entry = IncomingEvent.entry(plain);
        assertThat(entry.isTombstone()).isTrue();
        assertThat(entry.requiredKey("the seller id")).isEqualTo("s1");
    }

    @Test
    void theTypeIsChecked() {
        IncomingEvent event = IncomingEvent.cloudEvent(Records.cloudEvent("sms.t", "k", "{}", "Other"));

        assertThatThrownBy(() -> event.requireType("A", "B")).isInstanceOf(PoisonRecordException.class)
                .hasMessage("unexpected CloudEvents type on sms.t ('Other'), expected A or B");
        assertThat(event.requireType("Other")).isSameAs(event);
    }

    @Test
    void aPayloadThatIsNotTheContractsJsonIsPoisonWithoutQuotingIt() {
        IncomingEvent event = IncomingEvent.cloudEvent(Records.cloudEvent("sms.t", "k",
                "{\"customerNumber\": \"+14255550100\", \"body\": ", "T"));

        assertThatThrownBy(() -> event.payloadAs(json, Payload.class)).isInstanceOf(PoisonRecordException.class)
                .hasMessageStartingWith("payload is not a Payload in JSON (").hasMessageContaining("line 1")
                .hasMessageNotContaining("4255550100");
        assertThatThrownBy(() -> IncomingEvent.cloudEvent(Records.cloudEvent("sms.t", "k", "null", "T"))
                .payloadAs(json, Payload.class)).hasMessage("payload is JSON null, not a Payload");
    }

    @Test
    void missingFieldsAreNamedTogether() {
        assertThatThrownBy(() -> IncomingEvent.requireFields(new String[] { "a", "b", "c" }, "x", " ", null))
                .isInstanceOf(PoisonRecordException.class).hasMessage("missing field(s): b, c");
    }
}
