package io.smsconversations.gateway.provider.vonage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.BusinessNumbers;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns Vonage SMS API callbacks into the suite's events: the inbound-message webhook ({@code msisdn}, {@code to},
 * {@code messageId}, {@code text}) and the delivery receipt ({@code messageId}, {@code status}, {@code err-code};
 * there {@code msisdn} is the recipient and {@code to} the sender). Vonage writes numbers without {@code +}.
 * The tables are documented in inbound-gateway/README.md.
 */
public final class VonageMessages {

    /** The delivery receipt's {@code status}. */
    static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "accepted", DeliveryStatus.SENT,
            "buffered", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "expired", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.FAILED,
            "rejected", DeliveryStatus.FAILED,
            "unknown", DeliveryStatus.UNDELIVERED);

    /**
     * The delivery receipt's {@code err-code}, checked against Vonage's "SMS Delivery Error Codes" (support article
     * 204014733) and its opt-out guide; others (1 unknown, 5 portability, 8 network, 99 ...): ProviderError.
     */
    static final Map<String, FailureReason> ERROR_CODES = Map.ofEntries(
            Map.entry("2", FailureReason.Unreachable), // absent subscriber, temporary
            Map.entry("3", FailureReason.Unreachable), // absent subscriber, permanent
            Map.entry("4", FailureReason.Blocked), // call barred by user
            Map.entry("6", FailureReason.Blocked), // anti-spam rejection
            Map.entry("7", FailureReason.Unreachable), // handset busy
            // "Illegal Number": the user asked not to receive messages from this sender; Vonage's opt-out guide
            // says an opted-out recipient gives failed/rejected with err-code 9.
            Map.entry("9", FailureReason.RecipientOptedOut),
            Map.entry("10", FailureReason.InvalidSendingParameters), // illegal message: a bad parameter (encoding)
            Map.entry("11", FailureReason.InvalidSendingParameters), // unroutable
            Map.entry("12", FailureReason.Unreachable), // destination unreachable
            Map.entry("13", FailureReason.Blocked), // subscriber age restriction
            Map.entry("14", FailureReason.Blocked), // number blocked by carrier
            Map.entry("15", FailureReason.Unreachable), // prepaid insufficient funds
            Map.entry("50", FailureReason.Blocked), // entity filter
            Map.entry("51", FailureReason.Blocked), // header filter
            Map.entry("52", FailureReason.Blocked), // content filter
            Map.entry("53", FailureReason.RecipientOptedOut), // consent filter
            Map.entry("54", FailureReason.Blocked)); // regulation error

    /** The inbound message's {@code type}: {@code text} (GSM), {@code unicode}, {@code binary} (no text). */
    static final Set<String> INBOUND_TYPES = Set.of("text", "unicode", "binary");

    /**
     * Parameters only a delivery receipt carries, and parameters only an inbound message carries. Both webhooks are
     * signed alike, so a signature alone does not say which one Vonage signed: a receipt replayed at the inbound
     * endpoint would otherwise become an inbound message (with an empty text), and the other way round.
     */
    static final List<String> RECEIPT_ONLY = List.of("status", "err-code", "scts");
    static final List<String> INBOUND_ONLY = List.of("text", "type", "keyword");

    private VonageMessages() {
    }

    public static InboundMessageReceived inbound(Map<String, String> parameters, Instant receivedAt) {
        if (RECEIPT_ONLY.stream().anyMatch(parameters::containsKey)) {
            throw new MalformedWebhookException("The parameters are a delivery receipt's (" + String.join(", ",
                    RECEIPT_ONLY) + "), not an inbound message's: Vonage sends receipts to "
                    + VonageWebhook.DELIVERY_RECEIPT_PATH + ".");
        }
        List<String> problems = new ArrayList<>();
        String messageId = required(parameters, "messageId", problems);
        String from = number(parameters, "msisdn", true, problems);
        String to = number(parameters, "to", true, problems);
        String type = required(parameters, "type", problems);
        if (type != null && !INBOUND_TYPES.contains(type)) {
            problems.add("type is not one of " + String.join(", ", INBOUND_TYPES.stream().sorted().toList()));
        }
        if (!"binary".equals(type) && !parameters.containsKey("text")) {
            problems.add("text is missing");
        }
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Vonage inbound message is malformed: " + String.join("; ", problems) + ".");
        }
        // A binary message has no text; the suite stores what a person can read.
        String body = "binary".equals(type) ? "" : parameters.getOrDefault("text", "");
        return new InboundMessageReceived(VonageRequests.PROVIDER, messageId, from, to, body, receivedAt, List.of(), 1);
    }

    public static DeliveryReportReceived deliveryReceipt(Map<String, String> parameters, Instant reportedAt) {
        if (INBOUND_ONLY.stream().anyMatch(parameters::containsKey)) {
            throw new MalformedWebhookException("The parameters are an inbound message's (" + String.join(", ",
                    INBOUND_ONLY) + "), not a delivery receipt's: Vonage sends inbound messages to "
                    + VonageWebhook.INBOUND_PATH + ".");
        }
        List<String> problems = new ArrayList<>();
        String messageId = required(parameters, "messageId", problems);
        String rawStatus = required(parameters, "status", problems);
        DeliveryStatus status = null;
        if (rawStatus != null) {
            status = STATUSES.get(rawStatus.toLowerCase(Locale.ROOT));
            if (status == null) {
                problems.add("status is not one of " + String.join(", ", STATUSES.keySet().stream().sorted().toList()));
            }
        }
        String recipient = number(parameters, "msisdn", false, problems);
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Vonage delivery receipt is malformed: " + String.join("; ", problems) + ".");
        }
        // The sender may be a short code or an alphanumeric id; what is none of them stays unsaid (null).
        String sender = Optional.ofNullable(parameters.get("to"))
                .flatMap(raw -> BusinessNumbers.sending(raw, null, recipient)).orElse(null);
        String errorCode = Optional.ofNullable(parameters.get("err-code")).map(String::strip)
                .filter(v -> !v.isEmpty()).orElse(null);
        FailureReason reason = status.isFailure() ? reason(rawStatus.toLowerCase(Locale.ROOT), errorCode) : null;
        return new DeliveryReportReceived(VonageRequests.PROVIDER, messageId, status, reason, errorCode, rawStatus,
                sender, recipient, reportedAt);
    }

    static FailureReason reason(String status, String errorCode) {
        FailureReason byCode = errorCode == null ? null : ERROR_CODES.get(errorCode);
        if (byCode != null) {
            return byCode;
        }
        return "expired".equals(status) ? FailureReason.Expired : FailureReason.ProviderError;
    }

    private static String required(Map<String, String> parameters, String name, List<String> problems) {
        String value = Optional.ofNullable(parameters.get(name)).map(String::strip).filter(v -> !v.isEmpty())
                .orElse(null);
        if (value == null) {
            problems.add(name + " is missing");
        }
        return value;
    }

    private static String number(Map<String, String> parameters, String name, boolean required,
            List<String> problems) {
        String raw = required ? required(parameters, name, problems) : parameters.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw);
        if (e164.isEmpty()) {
            problems.add(name + " is not a phone number that can be written in E.164 (<country code><number>)");
        }
        return e164.orElse(null);
    }
}
