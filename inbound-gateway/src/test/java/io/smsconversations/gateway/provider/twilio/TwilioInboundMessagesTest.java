package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.gateway.media.MediaIds;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ProviderMedia;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

@Tag("fast")
class TwilioInboundMessagesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    /** Twilio's media policy as application.properties has it. */
    private static final MediaPolicy TWILIO = new MediaPolicy(List.of("api.twilio.com"),
            List.of("mms.twiliocdn.com", "s3-external-1.amazonaws.com"), 10, false);
    private static final String PREFIX = "MessageSid=MM9&From=%2B14255550100&To=%2B14255550199&Body=pic";

    private static InboundMessageReceived event(FormParameters form, Instant at) {
        return TwilioInboundMessages.read(form, at, TWILIO).event();
    }

    @Test
    void mapsAnSmsWithDefaults() {
        InboundMessageReceived event = event(FormParameters.parse(
                "MessageSid=SM1&From=%2B14255550100&To=%2B14255550199&Body=Hello&AccountSid=AC1&SmsStatus=received"),
                NOW);

        assertThat(event).isEqualTo(new InboundMessageReceived("twilio", "SM1", "+14255550100", "+14255550199",
                "Hello", NOW, List.of(), 1));
    }

    @Test
    void normalisesNumbersAndReadsSegmentsAndMedia() {
        InboundMessageReceived event = event(FormParameters.parse(
                "MessageSid=MM2&From=14255550100&To=%2B1+(425)+555-0199&Body=&NumSegments=3&NumMedia=2"
                        + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0&MediaContentType0=image%2Fjpeg"
                        + "&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm%2F1&MediaContentType1=application%2Fpdf"),
                NOW);

        assertThat(event.from()).isEqualTo("+14255550100");
        assertThat(event.to()).isEqualTo("+14255550199");
        assertThat(event.body()).isEmpty();
        assertThat(event.segments()).isEqualTo(3);
        // The event carries the gateway's ids, derived from provider + message + index; never Twilio's URL.
        assertThat(event.media()).containsExactly(
                new MediaReference(MediaIds.of("twilio", "MM2", 0).toString(), "image/jpeg"),
                new MediaReference(MediaIds.of("twilio", "MM2", 1).toString(), "application/pdf"));
    }

    @Test
    void keepsTheProviderUrlsBesideTheEventForTheGatewayAlone() {
        // Twilio's documented MMS parameters (one picture, its content type reported with a parameter).
        ReceivedMessage received = TwilioInboundMessages.read(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC1%2FMessages%2FMM9%2FMedia%2FME1"
                + "&MediaContentType0=Image%2FJPEG%3B+name%3Dx"), NOW, TWILIO);

        assertThat(received.media()).containsExactly(new ProviderMedia("twilio", "MM9", 0,
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM9/Media/ME1", "image/jpeg"));
        assertThat(received.event().media()).containsExactly(received.media().get(0).reference());
        assertThat(received.event().toString()).doesNotContain("api.twilio.com");
        // A repeated webhook maps to the same id.
        assertThat(MediaIds.of("twilio", "MM9", 0)).isEqualTo(received.media().get(0).id())
                .isNotEqualTo(MediaIds.of("twilio", "MM9", 1)).isNotEqualTo(MediaIds.of("vonage", "MM9", 0));
    }

    @Test
    void aMissingContentTypeIsOctetStream() {
        ReceivedMessage received = TwilioInboundMessages.read(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0"), NOW, TWILIO);

        assertThat(received.event().media().get(0).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void refusesMediaParametersThatDoNotAddUp() {
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=two"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("NumMedia must be a whole number of at least 0");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=11"), NOW))
                .hasMessageContaining("NumMedia is 11, more than the 10 media items allowed");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm%2F1"), NOW))
                .hasMessageContaining("MediaUrl1 is present although NumMedia is 1");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm%2F0&MediaContentType0=jpeg"), NOW))
                .hasMessageContaining("MediaContentType0 is not a media type");
    }

    @Test
    void refusesMediaUrlsThatAreNotHttpsToTwilio() {
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=http%3A%2F%2Fapi.twilio.com%2Fm%2F0"), NOW))
                .hasMessageContaining("MediaUrl0 is not an https URL");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data"), NOW))
                .hasMessageContaining("MediaUrl0 is not on the provider's media host (api.twilio.com)")
                .hasMessageNotContaining("169.254");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com.evil.example%2Fm%2F0"), NOW))
                .hasMessageContaining("MediaUrl0 is not on the provider's media host");
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fuser%3Apw%40api.twilio.com%2Fm%2F0"), NOW))
                .hasMessageContaining("MediaUrl0 is not an absolute URL");
        // The CDN is a redirect target only: a webhook may not name it.
        assertThatThrownBy(() -> event(FormParameters.parse(PREFIX + "&NumMedia=1"
                + "&MediaUrl0=https%3A%2F%2Fmms.twiliocdn.com%2Fm%2F0"), NOW))
                .hasMessageContaining("MediaUrl0 is not on the provider's media host");
    }

    @Test
    void aShortCodeIsKeyedWithTheCountryTwilioNamesOrElseTheSenders() {
        assertThat(event(FormParameters.parse(
                "MessageSid=SM3&From=%2B447700900123&To=60060&ToCountry=GB&Body=STOP"), NOW).to())
                .isEqualTo("GB:60060");
        assertThat(event(FormParameters.parse(
                "MessageSid=SM4&From=%2B14255550100&To=12345&Body=YES"), NOW).to()).isEqualTo("US:12345");
    }

    @Test
    void nobodyTextsAnAlphanumericSenderId() {
        assertThatThrownBy(() -> event(FormParameters.parse(
                "MessageSid=SM5&From=%2B447700900123&To=Contoso&Body=Hi"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("To is not a phone number in E.164 (+<country code><number>) or a short code")
                .hasMessageNotContaining("Contoso");
    }

    @Test
    void namesEveryProblemAtOnceWithoutQuotingNumbers() {
        assertThatThrownBy(() -> event(FormParameters.parse(
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
        assertThatThrownBy(() -> event(FormParameters.parse(
                "MessageSid=MM3&From=%2B14255550100&To=%2B14255550199&NumMedia=1000000"), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("NumMedia is 1000000, more than the 10 media items allowed");
        assertThatThrownBy(() -> event(FormParameters.parse(
                "MessageSid=SM4&From=%2B14255550100&To=%2B14255550199&NumSegments=0"), NOW))
                .hasMessageContaining("NumSegments must be a whole number of at least 1");
        assertThatThrownBy(() -> event(FormParameters.parse(
                "MessageSid=SM5&From=%2B14255550100&To=%2B14255550199&NumMedia=-1"), NOW))
                .hasMessageContaining("NumMedia must be a whole number of at least 0");
    }
}
