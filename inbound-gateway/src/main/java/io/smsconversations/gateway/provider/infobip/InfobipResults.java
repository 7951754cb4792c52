package io.smsconversations.gateway.provider.infobip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns the {@code results[]} of Infobip's inbound-SMS and delivery-report webhooks into the suite's events. Infobip
 * writes numbers without {@code +}. The tables are documented in inbound-gateway/README.md.
 */
public final class InfobipResults {

    public static final String PROVIDER = "infobip";

    /** What an Infobip message id looks like; anything else is not echoed into the logs. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private InfobipResults() {
    }

    /**
     * Result {@code index} for the log line of a skipped result: its message id when it looks like one, its numbers
     * masked. Nothing else of it is logged: the text is personal data.
     */
    public static String describe(JsonNode result, int index, int size) {
        return "results[" + index + "] of " + size + " (messageId "
                + JsonFields.text(result, "messageId").filter(id -> SAFE_ID.matcher(id).matches()).orElse("(none)")
                + ", from " + JsonFields.text(result, "from").map(E164::masked).orElse("(none)")
                + ", to " + JsonFields.text(result, "to").map(E164::masked).orElse("(none)") + ")";
    }

    public static InboundMessageReceived inbound(JsonNode result, int index, Instant receivedAt) {
        requireObject(result, index);
        List<String> problems = new ArrayList<>();
        String messageId = required(result, "messageId", problems);
        String from = number(result, "from", true, problems);
        String to = number(result, "to", true, problems);
        int segments = 1;
        Optional<JsonNode> smsCount = JsonFields.field(result, "smsCount");
        if (smsCount.isPresent()) {
            if (smsCount.get().canConvertToInt() && smsCount.get().asInt() >= 1) {
                segments = smsCount.get().asInt();
            } else {
                problems.add("smsCount must be a whole number of at least 1");
            }
        }
        check(problems, index);
        String body = JsonFields.field(result, "text").or(() -> JsonFields.field(result, "cleanText"))
                .map(JsonNode::asText).orElse("");
        return new InboundMessageReceived(PROVIDER, messageId, from, to, body, receivedAt, List.of(), segments);
    }

    public static DeliveryReportReceived deliveryReport(JsonNode result, int index, Instant reportedAt) {
        requireObject(result, index);
        List<String> problems = new ArrayList<>();
        String messageId = required(result, "messageId", problems);
        JsonNode status = JsonFields.field(result, "status").filter(JsonNode::isObject).orElse(null);
        String group = status == null ? null : JsonFields.text(status, "groupName").orElse(null);
        String name = status == null ? null : JsonFields.text(status, "name").orElse(null);
        DeliveryStatus mapped = null;
        if (group == null) {
            problems.add("status.groupName is missing");
        } else {
            mapped = status(group, name);
            if (mapped == null) {
                problems.add("status.groupName is not one of PENDING, DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED");
            }
        }
        String to = number(result, "to", false, problems);
        check(problems, index);
        JsonNode error = JsonFields.field(result, "error").filter(JsonNode::isObject).orElse(null);
        String errorId = error == null ? null : JsonFields.text(error, "id").orElse(null);
        String errorName = error == null ? null : JsonFields.text(error, "name").orElse(null);
        String errorGroup = error == null ? null : JsonFields.text(error, "groupName").orElse(null);
        FailureReason reason = mapped.isFailure() ? reason(group, name, errorName) : null;
        String text = String.join(" / ", Stream.of(group, name, errorGroup, errorName)
                .filter(Objects::nonNull).toList());
        return new DeliveryReportReceived(PROVIDER, messageId, mapped, reason, errorId, text, null, to, reportedAt);
    }

    /**
     * By {@code status.groupName}; a PENDING status says by its name whether the operator has the message yet, and a
     * DELIVERED one whether it reached the handset or only the operator.
     */
    static DeliveryStatus status(String group, String name) {
        String upperName = name == null ? "" : name.toUpperCase(Locale.ROOT);
        return switch (group.toUpperCase(Locale.ROOT)) {
            case "PENDING" -> upperName.contains("ENROUTE") || upperName.contains("WAITING_DELIVERY")
                    ? DeliveryStatus.SENT : DeliveryStatus.QUEUED;
            // DELIVERED_TO_OPERATOR is intermediate (Infobip's "Message status codes"): only the handset is final.
            case "DELIVERED" -> upperName.contains("TO_OPERATOR") ? DeliveryStatus.SENT : DeliveryStatus.DELIVERED;
            case "UNDELIVERABLE", "EXPIRED" -> DeliveryStatus.UNDELIVERED;
            case "REJECTED" -> DeliveryStatus.FAILED;
            default -> null;
        };
    }

    /** From the status and error names, which Infobip documents as stable identifiers. */
    static FailureReason reason(String group, String statusName, String errorName) {
        String words = ((statusName == null ? "" : statusName) + " " + (errorName == null ? "" : errorName))
                .toUpperCase(Locale.ROOT);
        if (words.contains("OPT_OUT") || words.contains("OPTOUT") || words.contains("UNSUBSCRIBED")) {
            return FailureReason.RecipientOptedOut;
        }
        if (words.contains("CREDIT") || words.contains("ACCOUNT")) {
            return FailureReason.AccountProblem;
        }
        if (words.contains("DESTINATION") || words.contains("PREFIX") || words.contains("INVALID")
                || words.contains("SENDER")) {
            return FailureReason.InvalidSendingParameters;
        }
        if (words.contains("ABSENT") || words.contains("UNKNOWN_SUBSCRIBER") || words.contains("UNREACHABLE")
                || words.contains("MEMORY")) {
            return FailureReason.Unreachable;
        }
        if (words.contains("BARRED") || words.contains("BLOCK") || words.contains("SPAM") || words.contains("FILTER")) {
            return FailureReason.Blocked;
        }
        if ("EXPIRED".equalsIgnoreCase(group)) {
            return FailureReason.Expired;
        }
        return FailureReason.ProviderError;
    }

    private static void requireObject(JsonNode result, int index) {
        if (result == null || !result.isObject()) {
            throw new MalformedWebhookException("results[" + index + "] is not a JSON object.");
        }
    }

    private static void check(List<String> problems, int index) {
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException("results[" + index + "] is malformed: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static String required(JsonNode result, String name, List<String> problems) {
        Optional<String> value = JsonFields.text(result, name);
        if (value.isEmpty()) {
            problems.add(name + " is missing");
        }
        return value.orElse(null);
    }

    private static String number(JsonNode result, String name, boolean required, List<String> problems) {
        String raw = required ? required(result, name, problems) : JsonFields.text(result, name).orElse(null);
        if (raw == null) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw);
        if (e164.isEmpty()) {
            problems.add(name + " is not a phone number that can be written in E.164");
        }
        return e164.orElse(null);
    }
}
