package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

class TwilioInboundMessagesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

    @Test
    void mapsAnSmsWithDefaults() {
        InboundMessageReceived event = TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM1&From=%2B14255550100&To=%2B14255550199&Body=Hello&AccountSid=AC1&SmsStatus=received"),
                NOW);

        assertThat(event).isEqualTo(new InboundMessageReceived("twilio", "SM1", "+14255550100", "+14255550199",
                "Hello", NOW, java.util.List.of(), 1));
    }

    @Test
    void normalisesNumbersAndReadsSegmentsAndMedia() {
        InboundMessageReceived event = TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=MM2&From=14255550100&To=%2B1+(425)+555-0199&Body=&NumSegments=3&NumMedia=2"
                        + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0&MediaContentType0=image%2Fjpeg"
                        + "&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm%2F1&MediaContentType1=application%2Fpdf"),
                NOW);

        assertThat(event.from()).isEqualTo("+14255550100");
        assertThat(event.to()).isEqualTo("+14255550199");
        assertThat(event.body()).isEmpty();
        assertThat(event.segments()).isEqualTo(3);
        assertThat(event.media()).containsExactly(
                new MediaReference("https://api.twilio.com/m/0", "image/jpeg"),
                new MediaReference("https://api.twilio.com/m/1", "application/pdf"));
    }

    @Test
    void aShortCodeIsKeyedWithTheCountryTwilioNamesOrElseTheSenders() {
        assertThat(TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM3&From=%2B447700900123&To=60060&ToCountry=GB&Body=STOP"), NOW).to())
                .isEqualTo("GB:60060");
        assertThat(TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM4&From=%2B14255550100&To=12345&Body=YES"), NOW).to()).isEqualTo("US:12345");
    }

    @Test
    void nobodyTextsAnAlphanumericSenderId() {
        assertThatThrownBy(() -> TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM5&From=%2B447700900123&To=Contoso&Body=Hi"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("To is not a phone number in E.164 (+<country code><number>) or a short code")
                .hasMessageNotContaining("Contoso");
    }

    @Test
    void namesEveryProblemAtOnceWithoutQuotingNumbers() {
        assertThatThrownBy(() -> TwilioInboundMessages.toEvent(FormParameters.parse(
                "From=not-a-number&NumSegments=two&Body=secret"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("MessageSid is missing")
                .hasMessageContaining("From is not a phone number that can be written in E.164")
                .hasMessageContaining("To is missing")
                .hasMessageContaining("NumSegments must be a whole number of at least 1")
                .hasMessageNotContaining("not-a-number")
                .hasMessageNotContaining("secret");
    }

    @Test
    void refusesMissingMediaAndBadCounts() {
        assertThatThrownBy(() -> TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=MM3&From=%2B14255550100&To=%2B14255550199&NumMedia=1000000"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("MediaUrl0 is missing although NumMedia is 1000000");
        assertThatThrownBy(() -> TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM4&From=%2B14255550100&To=%2B14255550199&NumSegments=0"), NOW))
                .hasMessageContaining("NumSegments must be a whole number of at least 1");
        assertThatThrownBy(() -> TwilioInboundMessages.toEvent(FormParameters.parse(
                "MessageSid=SM5&From=%2B14255550100&To=%2B14255550199&NumMedia=-1"), NOW))
                .hasMessageContaining("NumMedia must be a whole number of at least 0");
    }
}
