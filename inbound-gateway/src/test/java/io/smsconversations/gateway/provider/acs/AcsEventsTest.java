package io.smsconversations.gateway.provider.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

@Tag("fast")
class AcsEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode smsReceived(String from, String to) throws Exception {
        return JSON.readTree("""
                {"eventType":"Microsoft.Communication.SMSReceived",
                 "data":{"MessageId":"Incoming_1","From":"%s","To":"%s","Message":"hi"}}""".formatted(from, to));
    }

    @Test
    void aReplyToOurShortCodeIsKeyedByTheCustomersCountry() throws Exception {
        InboundMessageReceived event = AcsEvents.inbound(smsReceived("+14255550177", "12345"), 0, NOW);

        assertThat(event.from()).isEqualTo("+14255550177");
        assertThat(event.to()).isEqualTo("US:12345");
    }

    @Test
    void aReplyToAPhoneNumberIsE164() throws Exception {
        assertThat(AcsEvents.inbound(smsReceived("14255550177", "+1 425 555 0123"), 0, NOW).to())
                .isEqualTo("+14255550123");
    }

    @Test
    void noCustomerCanTextAnAlphanumericSenderAndNoShortCodeIsACustomer() throws Exception {
        assertThatThrownBy(() -> AcsEvents.inbound(smsReceived("+14255550177", "CONTOSO"), 2, NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("Event 2 of the batch").hasMessageContaining("data.To is not a phone number");
        assertThatThrownBy(() -> AcsEvents.inbound(smsReceived("12345", "+14255550123"), 0, NOW))
                .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("data.From");
    }
}
