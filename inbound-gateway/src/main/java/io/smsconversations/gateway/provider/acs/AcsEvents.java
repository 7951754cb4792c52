package io.smsconversations.gateway.provider.acs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.BusinessNumbers;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns the Event Grid events of Azure Communication Services into the suite's events. Keys are read in any case;
 * numbers are normalised whether or not they carry their {@code +}. The tables are in inbound-gateway/README.md.
 */
public final class AcsEvents {

    public static final String PROVIDER = "acs";
    public static final String VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public static final String SMS_RECEIVED = "Microsoft.Communication.SMSReceived";
    public static final String SMS_DELIVERY_REPORT = "Microsoft.Communication.SMSDeliveryReportReceived";

    /**
     * {@code DeliveryStatus} of an SMSDeliveryReportReceived event. ACS documents only {@code Delivered} and
     * {@code Failed} (Event Grid's "Azure Communication Services - SMS events"); the others are accepted because
     * Event Grid does not retry a 400, so a report with a status ACS might add would otherwise be lost.
     */
    static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "queued", DeliveryStatus.QUEUED,
            "accepted", DeliveryStatus.QUEUED,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.UNDELIVERED,
            "expired", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.FAILED);

    /** What an ACS message id or an event type looks like; anything else is not echoed into the logs. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private AcsEvents() {
    }

    /** The event's type: {@code eventType} (Event Grid schema) or {@code type} (CloudEvents schema). */
    public static Optional<String> type(JsonNode event) {
        return JsonFields.text(event, "eventType").or(() -> JsonFields.text(event, "type"));
    }

    /**
     * The type of element {@code index} of a batch.
     *
     * @throws MalformedWebhookException when it is not an object or has no type
     */
    public static String kind(JsonNode event, int index) {
        if (event == null || !event.isObject()) {
            throw new MalformedWebhookException("Event " + index + " of the batch is not a JSON object.");
        }
        return type(event).orElseThrow(() -> new MalformedWebhookException(
                "Event " + index + " of the batch has no eventType (Event Grid schema) or type (CloudEvents)."));
    }

    /**
     * Element {@code index} for the log line of a skipped event: its type and message id when they look like ones,
     * its numbers masked. Nothing else of it is logged: the message text is personal data.
     */
    public static String describe(JsonNode event, int index, int size) {
        JsonNode data = JsonFields.field(event, "data").orElse(null);
        return "event " + index + " of " + size + " (" + type(event).filter(t -> SAFE_ID.matcher(t).matches())
                .orElse("no type") + ", MessageId " + JsonFields.text(data, "MessageId")
                        .filter(id -> SAFE_ID.matcher(id).matches()).orElse("(none)")
                + ", From " + JsonFields.text(data, "From").map(E164::masked).orElse("(none)")
                + ", To " + JsonFields.text(data, "To").map(E164::masked).orElse("(none)") + ")";
    }

    public static Optional<String> validationCode(JsonNode event) {
        return JsonFields.text(JsonFields.field(event, "data").orElse(null), "validationCode");
    }

    /** @param index the event's place in the batch, for the problem's detail */
    public static InboundMessageReceived inbound(JsonNode event, int index, Instant receivedAt) {
        JsonNode data = JsonFields.field(event, "data").orElse(null);
        List<String> problems = new ArrayList<>();
        String messageId = required(data, "MessageId", problems);
        String from = number(data, "From", true, problems);
        String to = ourReceivingNumber(data, from, problems);
        check(problems, index);
        String body = JsonFields.field(data, "Message").map(JsonNode::asText).orElse("");
        return new InboundMessageReceived(PROVIDER, messageId, from, to, body, receivedAt, List.of(), 1);
    }

    public static DeliveryReportReceived deliveryReport(JsonNode event, int index, Instant reportedAt) {
        JsonNode data = JsonFields.field(event, "data").orElse(null);
        List<String> problems = new ArrayList<>();
        String messageId = required(data, "MessageId", problems);
        String rawStatus = required(data, "DeliveryStatus", problems);
        DeliveryStatus status = null;
        if (rawStatus != null) {
            status = STATUSES.get(rawStatus.toLowerCase(Locale.ROOT));
            if (status == null) {
                problems.add("DeliveryStatus is not one of "
                        + String.join(", ", STATUSES.keySet().stream().sorted().toList()));
            }
        }
        // ACS sends From (our number) and To (the recipient); the recipient may be missing in edge cases.
        String to = number(data, "To", false, problems);
        // From may be a short code or an alphanumeric sender id; what is none of them stays unsaid (null).
        String from = JsonFields.text(data, "From").flatMap(raw -> BusinessNumbers.sending(raw, null, to))
                .orElse(null);
        check(problems, index);
        String details = JsonFields.text(data, "DeliveryStatusDetails").orElse(null);
        FailureReason reason = status.isFailure() ? reason(rawStatus, details) : null;
        String text = details == null ? rawStatus : rawStatus + ": " + details;
        return new DeliveryReportReceived(PROVIDER, messageId, status, reason, null, text, from, to, reportedAt);
    }

    /**
     * ACS reports failures in words ({@code DeliveryStatusDetails}) rather than codes, so the reason is read from them;
     * whatever is not recognised is ProviderError, with the words kept in {@code providerText}.
     */
    static FailureReason reason(String status, String details) {
        String words = details == null ? "" : details.toLowerCase(Locale.ROOT);
        if (words.contains("opt") && words.contains("out") || words.contains("unsubscribed")) {
            return FailureReason.RecipientOptedOut;
        }
        if (words.contains("invalid") || words.contains("not a valid")) {
            return FailureReason.InvalidSendingParameters;
        }
        if (words.contains("unreachable") || words.contains("not reachable") || words.contains("absent")) {
            return FailureReason.Unreachable;
        }
        if (words.contains("block") || words.contains("spam") || words.contains("filter")) {
            return FailureReason.Blocked;
        }
        if ("expired".equalsIgnoreCase(status) || words.contains("expired")) {
            return FailureReason.Expired;
        }
        return FailureReason.ProviderError;
    }

    private static void check(List<String> problems, int index) {
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException("Event " + index + " of the batch is malformed: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static String required(JsonNode data, String name, List<String> problems) {
        if (data == null || !data.isObject()) {
            if (!problems.contains("data is missing")) {
                problems.add("data is missing");
            }
            return null;
        }
        Optional<String> value = JsonFields.text(data, name);
        if (value.isEmpty()) {
            problems.add("data." + name + " is missing");
        }
        return value.orElse(null);
    }

    /** ACS leases short codes for two-way messaging: a reply to one arrives with {@code To} as bare digits. */
    private static String ourReceivingNumber(JsonNode data, String customer, List<String> problems) {
        String raw = required(data, "To", problems);
        if (raw == null) {
            return null;
        }
        Optional<String> key = BusinessNumbers.receiving(raw, null, customer);
        if (key.isEmpty()) {
            problems.add("data.To " + BusinessNumbers.RECEIVING);
        }
        return key.orElse(null);
    }

    private static String number(JsonNode data, String name, boolean required, List<String> problems) {
        String raw = required ? required(data, name, problems) : JsonFields.text(data, name).orElse(null);
        if (raw == null) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw);
        if (e164.isEmpty()) {
            problems.add("data." + name + " is not a phone number that can be written in E.164");
        }
        return e164.orElse(null);
    }
}
