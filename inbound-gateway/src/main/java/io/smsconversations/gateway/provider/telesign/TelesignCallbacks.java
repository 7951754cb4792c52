package io.smsconversations.gateway.provider.telesign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns Telesign's transaction callbacks into the suite's events. One callback URL receives both kinds: an inbound SMS
 * has {@code sub_resource} {@code mo_sms} (its numbers in {@code user_response}), anything else is the status of a
 * message we sent. Telesign writes numbers without {@code +}. The tables are documented in inbound-gateway/README.md.
 */
public final class TelesignCallbacks {

    public static final String PROVIDER = "telesign";
    static final String INBOUND_SUB_RESOURCE = "mo_sms";

    /** What a Telesign reference id looks like (32 hex digits, some accounts longer); others are not logged. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** Telesign's SMS status codes ("Receive SMS delivery reports"); anything else is refused, not guessed. */
    private static final Map<Integer, DeliveryStatus> STATUSES = Map.ofEntries(
            Map.entry(290, DeliveryStatus.QUEUED), // message in progress
            Map.entry(291, DeliveryStatus.QUEUED), // queued
            Map.entry(203, DeliveryStatus.SENT), // delivered to gateway (intermediate)
            Map.entry(250, DeliveryStatus.SENT), // final status unknown: no receipt will come
            Map.entry(251, DeliveryStatus.SENT), // sent out for delivery, no handset confirmation
            Map.entry(295, DeliveryStatus.SENT), // status delayed
            Map.entry(200, DeliveryStatus.DELIVERED), // delivered to handset
            Map.entry(207, DeliveryStatus.UNDELIVERED), // error delivering to handset, reason unknown
            Map.entry(210, DeliveryStatus.UNDELIVERED), // temporary phone error
            Map.entry(211, DeliveryStatus.UNDELIVERED), // permanent phone error
            Map.entry(220, DeliveryStatus.UNDELIVERED), // network cannot route
            Map.entry(221, DeliveryStatus.UNDELIVERED), // expired before delivery
            Map.entry(222, DeliveryStatus.FAILED), // SMS not supported by phone, carrier or plan
            Map.entry(229, DeliveryStatus.FAILED), // blocked by your request
            Map.entry(230, DeliveryStatus.FAILED), // blocked by Telesign (global blocklist)
            Map.entry(231, DeliveryStatus.FAILED), // invalid/unsupported content
            Map.entry(233, DeliveryStatus.FAILED), // blocked, high risk score
            Map.entry(237, DeliveryStatus.FAILED), // country blocked on request
            Map.entry(238, DeliveryStatus.FAILED)); // prefix blocked on request

    private static final Map<Integer, FailureReason> REASONS = Map.ofEntries(
            Map.entry(207, FailureReason.ProviderError),
            Map.entry(210, FailureReason.Unreachable),
            Map.entry(211, FailureReason.Unreachable),
            Map.entry(220, FailureReason.Unreachable),
            Map.entry(221, FailureReason.Expired),
            Map.entry(222, FailureReason.InvalidSendingParameters),
            Map.entry(229, FailureReason.Blocked),
            Map.entry(230, FailureReason.Blocked),
            Map.entry(231, FailureReason.InvalidSendingParameters),
            Map.entry(233, FailureReason.Blocked),
            Map.entry(237, FailureReason.Blocked),
            Map.entry(238, FailureReason.Blocked));

    private TelesignCallbacks() {
    }

    public static boolean isInbound(JsonNode callback) {
        return JsonFields.text(callback, "sub_resource").filter(INBOUND_SUB_RESOURCE::equalsIgnoreCase).isPresent();
    }

    /** The reference id when it looks like one, for log lines; never a number or a text. */
    public static String logId(JsonNode callback) {
        return JsonFields.text(callback, "reference_id").filter(id -> SAFE_ID.matcher(id).matches())
                .orElse("(no reference_id)");
    }

    public static InboundMessageReceived inbound(JsonNode callback, Instant receivedAt) {
        JsonFields.object(callback);
        List<String> problems = new ArrayList<>();
        String referenceId = JsonFields.required(callback, "reference_id", problems);
        JsonNode response = JsonFields.field(callback, "user_response").filter(JsonNode::isObject).orElse(null);
        String from = null;
        String to = null;
        String body = "";
        if (response == null) {
            problems.add("user_response is missing");
        } else {
            from = number(response, "phone_number", "user_response.phone_number", problems);
            to = number(response, "sender_id", "user_response.sender_id", problems);
            body = JsonFields.field(response, "mo_message").map(JsonNode::asText).orElse("");
        }
        check(problems);
        return new InboundMessageReceived(PROVIDER, referenceId, from, to, body, receivedAt, List.of(), 1);
    }

    public static DeliveryReportReceived deliveryReport(JsonNode callback, Instant reportedAt) {
        JsonFields.object(callback);
        List<String> problems = new ArrayList<>();
        String referenceId = JsonFields.required(callback, "reference_id", problems);
        JsonNode status = JsonFields.field(callback, "status").filter(JsonNode::isObject).orElse(null);
        Integer code = status == null ? null : JsonFields.field(status, "code").filter(JsonNode::canConvertToInt)
                .map(JsonNode::asInt).orElse(null);
        DeliveryStatus mapped = null;
        if (code == null) {
            problems.add("status.code is missing or not a number");
        } else {
            mapped = status(code);
            if (mapped == null) {
                problems.add("status.code " + code + " is not a Telesign SMS status this gateway knows");
            }
        }
        check(problems);
        FailureReason reason = mapped.isFailure() ? reason(code) : null;
        return new DeliveryReportReceived(PROVIDER, referenceId, mapped, reason, String.valueOf(code),
                text(callback, status), null, null, reportedAt);
    }

    /** By {@code status.code}; null for a code this gateway does not know. */
    static DeliveryStatus status(int code) {
        return STATUSES.get(code);
    }

    static FailureReason reason(int code) {
        return REASONS.getOrDefault(code, FailureReason.ProviderError);
    }

    /** {@code status.description}, then each error's {@code code description}, for providerText. */
    static String text(JsonNode callback, JsonNode status) {
        List<String> parts = new ArrayList<>();
        JsonFields.text(status, "description").ifPresent(parts::add);
        JsonFields.field(callback, "errors").filter(JsonNode::isArray).ifPresent(errors -> errors.forEach(error -> {
            String line = (JsonFields.text(error, "code").orElse("") + " "
                    + JsonFields.text(error, "description").orElse("")).strip();
            if (!line.isEmpty()) {
                parts.add(line);
            }
        }));
        return parts.isEmpty() ? null : String.join(" / ", parts);
    }


    private static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException("The callback is malformed: " + String.join("; ", problems) + ".");
        }
    }


    private static String number(JsonNode object, String name, String path, List<String> problems) {
        Optional<String> raw = JsonFields.text(object, name);
        if (raw.isEmpty()) {
            problems.add(path + " is missing");
            return null;
        }
        Optional<String> e164 = E164.normalise(raw.get());
        if (e164.isEmpty()) {
            problems.add(path + " is not a phone number that can be written in E.164");
        }
        return e164.orElse(null);
    }
}
