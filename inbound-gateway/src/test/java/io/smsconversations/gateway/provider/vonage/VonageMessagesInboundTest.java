package io.smsconversations.gateway.provider.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.MediaReference;
import io.smsconversations.gateway.media.MediaIds;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ProviderMedia;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.Rejection;

/** From the payloads of Vonage's Messages API documentation (inbound message webhook, channels sms and mms). */
@Tag("fast")
class VonageMessagesInboundTest {

    private static final Instant NOW = Instant.parse("2026-12-04T04:00:00Z");
    private static final MediaPolicy VONAGE = new MediaPolicy(
            List.of("api.nexmo.com", "api-us.nexmo.com", "api-eu.nexmo.com", "api-ap.nexmo.com"), List.of(), 1, false);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    private static ReceivedMessage read(String json) throws Exception {
        return VonageMessagesInbound.inbound(JSON.readTree(json), NOW, VONAGE);
    }

    private static String mms(String type, String item) {
        return """
                {"channel":"mms","message_uuid":"%s","to":"14155550101","from":"14155550102",
                 "timestamp":"2026-12-04T04:00:00Z","message_type":"%s","%s":%s}""".formatted(UUID, type, type, item);
    }

    @Test
    void readsAnSms() throws Exception {
        ReceivedMessage received = read("""
                {"channel":"sms","message_uuid":"%s","to":"447700900000","from":"447700900001",
                 "timestamp":"2026-12-04T04:00:00Z","message_type":"text","text":"Hello From Vonage!",
                 "sms":{"num_messages":"2","keyword":"HELLO"}}""".formatted(UUID));

        assertThat(received.media()).isEmpty();
        assertThat(received.event().from()).isEqualTo("+447700900001");
        assertThat(received.event().to()).isEqualTo("+447700900000");
        assertThat(received.event().body()).isEqualTo("Hello From Vonage!");
        assertThat(received.event().segments()).isEqualTo(2);
        assertThat(received.event().providerMessageId()).isEqualTo(UUID);
    }

    @Test
    void readsAnMmsPictureAndKeepsItsUrlOutOfTheEvent() throws Exception {
        String url = "https://api-us.nexmo.com/v3/media/1b456509-974c-458b-aafa-45fc48a4d976";
        ReceivedMessage received = read(mms("image", "{\"url\":\"" + url + "\",\"caption\":\"the dent\"}"));

        assertThat(received.media()).containsExactly(
                new ProviderMedia("vonage", UUID, 0, url, ProviderMedia.UNKNOWN_TYPE));
        assertThat(received.event().media()).containsExactly(
                new MediaReference(MediaIds.of("vonage", UUID, 0).toString(), "application/octet-stream"));
        assertThat(received.event().body()).isEqualTo("the dent");
        assertThat(received.event().toString()).doesNotContain("nexmo");
    }

    @Test
    void aVcardIsTextVcard() throws Exception {
        ReceivedMessage received = read(mms("vcard", "{\"url\":\"https://api-eu.nexmo.com/v3/media/x\"}"));

        assertThat(received.event().media().get(0).contentType()).isEqualTo("text/vcard");
        assertThat(received.event().body()).isEmpty();
    }

    @Test
    void refusesMediaThatIsMissingNotHttpsOrElsewhere() {
        assertThatThrownBy(() -> read(mms("video", "{}")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("video.url is missing although message_type is video");
        assertThatThrownBy(() -> read(mms("audio", "{\"url\":\"http://api.nexmo.com/v3/media/x\"}")))
                .hasMessageContaining("audio.url is not an https URL");
        assertThatThrownBy(() -> read(mms("file", "{\"url\":\"https://10.0.0.7/v3/media/x\"}")))
                .hasMessageContaining("file.url is not on the provider's media host")
                .hasMessageNotContaining("10.0.0.7");
    }

    @Test
    void refusesOtherChannelsAndTypes() {
        assertThatThrownBy(() -> read("""
                {"channel":"whatsapp","message_uuid":"%s","to":"447700900000","from":"447700900001",
                 "message_type":"sticker","sticker":{"url":"https://api.nexmo.com/x"}}""".formatted(UUID)))
                .hasMessageContaining("channel is not sms or mms")
                .hasMessageContaining("message_type is not one of text, audio, file, image, vcard, video");
        assertThatThrownBy(() -> read("{\"channel\":\"sms\",\"message_type\":\"text\"}"))
                .hasMessageContaining("message_uuid is missing")
                .hasMessageContaining("from is missing")
                .hasMessageContaining("text is missing although message_type is text");
    }

    @Test
    void checksTheSignedJwtAndItsPayloadHash() {
        String secret = "vonage-signature-secret";
        String body = mms("image", "{\"url\":\"https://api.nexmo.com/v3/media/x\"}");
        VonageMessagesSignature signature = new VonageMessagesSignature(secret, Duration.ofMinutes(5));

        assertThat(signature.refusal(VonageMessagesJwt.bearer(secret, body, NOW), body, NOW)).isEmpty();
        assertThat(signature.refusal(null, body, NOW)).get()
                .extracting(VonageMessagesSignature.Refusal::reason).isEqualTo(Rejection.SIGNATURE_MISSING);
        assertThat(signature.refusal(VonageMessagesJwt.bearer("another-secret", body, NOW), body, NOW)).get()
                .extracting(VonageMessagesSignature.Refusal::reason).isEqualTo(Rejection.SIGNATURE_INVALID);
        assertThat(signature.refusal(VonageMessagesJwt.bearer(secret, body, NOW), body.replace("x", "y"), NOW))
                .get().extracting(VonageMessagesSignature.Refusal::detail)
                .isEqualTo("The JWT's payload_hash is not the SHA-256 of this body.");
        assertThat(signature.refusal(VonageMessagesJwt.bearer(secret, body, NOW.minus(Duration.ofMinutes(6))), body,
                NOW)).get().extracting(VonageMessagesSignature.Refusal::reason).isEqualTo(Rejection.SIGNATURE_STALE);
        assertThat(signature.refusal("Bearer not.a.jwt", body, NOW)).get()
                .extracting(VonageMessagesSignature.Refusal::reason).isEqualTo(Rejection.SIGNATURE_INVALID);
    }

}
