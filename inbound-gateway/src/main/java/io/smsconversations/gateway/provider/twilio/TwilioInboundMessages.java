package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.BusinessNumbers;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.MediaTypes;
import io.smsconversations.gateway.media.ProviderMedia;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns the parameters of Twilio's incoming-message webhook into the suite's {@link InboundMessageReceived} and the
 * media items behind its references.
 * Twilio sends many more parameters (AccountSid, FromCity, SmsStatus, ...); they are signed, so they take part in the
 * signature check, but the event carries only what the suite uses.
 */
public final class TwilioInboundMessages {

    public static final String PROVIDER = "twilio";

    private TwilioInboundMessages() {
    }

    /**
     * The event for one authentic webhook, with the provider's media items behind its references.
     *
     * @param media where Twilio's media may be ({@code gateway.media.providers.twilio}): a media URL elsewhere, or
     *              more items than it allows, makes the webhook malformed
     * @throws MalformedWebhookException naming every field that is missing or unusable
     */
    public static ReceivedMessage read(FormParameters form, Instant receivedAt, MediaPolicy media) {
        List<String> problems = new ArrayList<>();
        String messageSid = required(form, "MessageSid", problems);
        String from = phoneNumber(form, "From", problems);
        String to = businessNumber(form, from, problems);
        int segments = count(form, "NumSegments", 1, 1, problems);
        List<ProviderMedia> items = media(form, messageSid, media, problems);
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Twilio message webhook is malformed: " + String.join("; ", problems) + ".");
        }
        String body = form.first("Body").orElse("");
        return new ReceivedMessage(new InboundMessageReceived(PROVIDER, messageSid, from, to, body, receivedAt,
                items.stream().map(ProviderMedia::reference).toList(), segments), items);
    }

    private static String required(FormParameters form, String name, List<String> problems) {
        Optional<String> value = form.first(name).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            problems.add(name + " is missing");
        }
        return value.orElse(null);
    }

    private static String phoneNumber(FormParameters form, String name, List<String> problems) {
        String raw = required(form, name, problems);
        if (raw == null) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw);
        if (e164.isEmpty()) {
            // The value is personal data: the detail (which is logged) names the field, not the number.
            problems.add(name + " is not a phone number that can be written in E.164 (+<country code><number>)");
        }
        return e164.orElse(null);
    }

    /** {@code To}: a long code or toll-free number, or a short code ({@code To=12345} with {@code ToCountry=US}). */
    private static String businessNumber(FormParameters form, String customer, List<String> problems) {
        String raw = required(form, "To", problems);
        if (raw == null) {
            return null;
        }
        Optional<String> to = BusinessNumbers.receiving(raw, form.first("ToCountry").orElse(null), customer);
        if (to.isEmpty()) {
            problems.add("To " + BusinessNumbers.RECEIVING);
        }
        return to.orElse(null);
    }

    private static int count(FormParameters form, String name, int absent, int minimum, List<String> problems) {
        Optional<String> raw = form.first(name).map(String::strip);
        if (raw.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(name + " must be a whole number of at least " + minimum);
        return absent;
    }

    /**
     * MMS attachments: {@code NumMedia} of them (at most the policy's bound; Twilio sends up to 10), as
     * {@code MediaUrl<i>} and {@code MediaContentType<i>}. A URL beyond {@code NumMedia} is refused too: the two
     * must agree, or what is stored is not what Twilio sent.
     */
    private static List<ProviderMedia> media(FormParameters form, String messageSid, MediaPolicy policy,
            List<String> problems) {
        int count = count(form, "NumMedia", 0, 0, problems);
        if (count > policy.maxItems()) {
            problems.add("NumMedia is " + count + ", more than the " + policy.maxItems() + " media items allowed");
            return List.of();
        }
        List<ProviderMedia> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String field = "MediaUrl" + i;
            Optional<String> url = form.first(field).map(String::strip).filter(v -> !v.isEmpty());
            if (url.isEmpty()) {
                problems.add(field + " is missing although NumMedia is " + count);
                continue;
            }
            policy.refusal(field, url.get()).ifPresent(problems::add);
            String contentType = contentType(form, "MediaContentType" + i, problems);
            media.add(new ProviderMedia(PROVIDER, messageSid, i, url.get(), contentType));
        }
        // One past the announced count is enough to tell: Twilio numbers them from 0 without gaps.
        if (form.first("MediaUrl" + count).isPresent()) {
            problems.add("MediaUrl" + count + " is present although NumMedia is " + count);
        }
        return media;
    }

    private static String contentType(FormParameters form, String field, List<String> problems) {
        Optional<String> raw = form.first(field).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return ProviderMedia.UNKNOWN_TYPE;
        }
        Optional<String> essence = MediaTypes.essence(raw.get());
        if (essence.isEmpty()) {
            problems.add(field + " is not a media type (type/subtype)");
        }
        return essence.orElse(ProviderMedia.UNKNOWN_TYPE);
    }
}
