package io.smsconversations.gateway.provider.vonage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ProviderMedia;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns Vonage's Messages API inbound webhook (channels {@code sms} and {@code mms}) into the suite's event and the
 * media item behind it. The Messages API carries one item per message: {@code message_type} {@code image},
 * {@code video}, {@code audio}, {@code file} or {@code vcard}, with the item at {@code <type>.url} (an https URL on
 * Vonage's media host, checked against its {@link MediaPolicy}) and an optional {@code <type>.caption}. Vonage
 * reports no content type: {@code vcard} is {@code text/vcard}, the others {@code application/octet-stream} until the
 * fetch reads the real one.
 */
public final class VonageMessagesInbound {

    static final Set<String> CHANNELS = Set.of("sms", "mms");
    static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "file", "vcard");

    private VonageMessagesInbound() {
    }

    /** @throws MalformedWebhookException naming every field that is missing or unusable, never quoting one */
    public static ReceivedMessage inbound(JsonNode body, Instant receivedAt, MediaPolicy media) {
        List<String> problems = new ArrayList<>();
        String messageUuid = required(body, "message_uuid", problems);
        String channel = required(body, "channel", problems);
        if (channel != null && !CHANNELS.contains(channel)) {
            problems.add("channel is not sms or mms (this endpoint takes SMS and MMS only)");
        }
        String from = number(body, "from", problems);
        String to = number(body, "to", problems);
        String type = required(body, "message_type", problems);
        String text = "";
        List<ProviderMedia> items = new ArrayList<>();
        if ("text".equals(type)) {
            text = JsonFields.field(body, "text").map(JsonNode::asText).orElse(null);
            if (text == null) {
                problems.add("text is missing although message_type is text");
            }
        } else if (type != null && MEDIA_TYPES.contains(type)) {
            JsonNode item = JsonFields.field(body, type).orElse(null);
            Optional<String> url = JsonFields.text(item, "url");
            if (url.isEmpty()) {
                problems.add(type + ".url is missing although message_type is " + type);
            } else {
                media.refusal(type + ".url", url.get()).ifPresent(problems::add);
                items.add(new ProviderMedia(VonageRequests.PROVIDER, messageUuid, 0, url.get(),
                        "vcard".equals(type) ? "text/vcard" : ProviderMedia.UNKNOWN_TYPE));
            }
            text = JsonFields.field(item, "caption").map(JsonNode::asText).orElse("");
        } else if (type != null) {
            problems.add("message_type is not one of text, " + String.join(", ", MEDIA_TYPES.stream().sorted()
                    .toList()));
        }
        if (items.size() > media.maxItems()) {
            problems.add("the message carries media, which is not allowed for vonage here");
        }
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Vonage Messages API inbound message is malformed: " + String.join("; ", problems) + ".");
        }
        int segments = JsonFields.field(body, "sms").flatMap(sms -> JsonFields.text(sms, "num_messages"))
                .flatMap(VonageMessagesInbound::positive).orElse(1);
        return new ReceivedMessage(new InboundMessageReceived(VonageRequests.PROVIDER, messageUuid, from, to, text,
                receivedAt, items.stream().map(ProviderMedia::reference).toList(), segments), items);
    }

    private static Optional<Integer> positive(String text) {
        try {
            int value = Integer.parseInt(text);
            return value >= 1 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String required(JsonNode body, String name, List<String> problems) {
        Optional<String> value = JsonFields.text(body, name);
        if (value.isEmpty()) {
            problems.add(name + " is missing");
        }
        return value.orElse(null);
    }

    private static String number(JsonNode body, String name, List<String> problems) {
        String raw = required(body, name, problems);
        if (raw == null) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw.startsWith("+") ? raw : "+" + raw);
        if (e164.isEmpty()) {
            problems.add(name + " is not a phone number that can be written in E.164 (<country code><number>)");
        }
        return e164.orElse(null);
    }
}
