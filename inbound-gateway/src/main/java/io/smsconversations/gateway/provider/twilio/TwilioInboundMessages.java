package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.gateway.webhook.BusinessNumbers;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns the parameters of Twilio's incoming-message webhook into the suite's {@link InboundMessageReceived}.
 * Twilio sends many more parameters (AccountSid, FromCity, SmsStatus, ...); they are signed, so they take part in the
 * signature check, but the event carries only what the suite uses.
 */
public final class TwilioInboundMessages {

    public static final String PROVIDER = "twilio";

    private TwilioInboundMessages() {
    }

    /**
     * The event for one authentic webhook.
     *
     * @throws MalformedWebhookException naming every field that is missing or unusable
     */
    public static InboundMessageReceived toEvent(FormParameters form, Instant receivedAt) {
        List<String> problems = new ArrayList<>();
        String messageSid = required(form, "MessageSid", problems);
        String from = phoneNumber(form, "From", problems);
        String to = businessNumber(form, from, problems);
        int segments = count(form, "NumSegments", 1, 1, problems);
        List<MediaReference> media = media(form, problems);
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Twilio message webhook is malformed: " + String.join("; ", problems) + ".");
        }
        String body = form.first("Body").orElse("");
        return new InboundMessageReceived(PROVIDER, messageSid, from, to, body, receivedAt, media, segments);
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

    /** MMS attachments: {@code NumMedia} of them, as {@code MediaUrl<i>} and {@code MediaContentType<i>}. */
    private static List<MediaReference> media(FormParameters form, List<String> problems) {
        int count = count(form, "NumMedia", 0, 0, problems);
        List<MediaReference> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<String> url = form.first("MediaUrl" + i).map(String::strip).filter(v -> !v.isEmpty());
            if (url.isEmpty()) {
                // Stop at the first gap: NumMedia is the sender's word, and a huge one must not make a huge loop.
                problems.add("MediaUrl" + i + " is missing although NumMedia is " + count);
                break;
            }
            media.add(new MediaReference(url.get(), form.first("MediaContentType" + i).map(String::strip)
                    .filter(v -> !v.isEmpty()).orElse(null)));
        }
        return media;
    }
}
