package io.smsconversations.gateway.provider.linkmobility;

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
 * Turns LINK Mobility's gate callbacks (SMS REST API: MT delivery reports and MO messages, JSON) into the suite's
 * events. A delivery report names the message by {@code id} (the {@code messageId} {@code /sms/send} answered) and our
 * request id as {@code refId}; its {@code resultCode} is one of LINK's result codes. The tables are documented in
 * inbound-gateway/README.md.
 */
public final class LinkMobilityCallbacks {

    public static final String PROVIDER = "linkmobility";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private record Mapping(DeliveryStatus status, FailureReason reason) {
    }

    /** LINK's result codes; anything else is refused, not guessed. */
    private static final Map<Integer, Mapping> RESULTS = Map.ofEntries(
            Map.entry(1005, ok(DeliveryStatus.QUEUED)), // queued
            Map.entry(1000, ok(DeliveryStatus.SENT)), // sent to operator
            Map.entry(1008, ok(DeliveryStatus.SENT)), // billed OK (no handset receipt)
            Map.entry(1011, ok(DeliveryStatus.SENT)), // billed OK, sent to operator
            Map.entry(1012, ok(DeliveryStatus.SENT)), // delayed
            Map.entry(1013, ok(DeliveryStatus.SENT)), // sent to operator, billing delayed
            Map.entry(1001, ok(DeliveryStatus.DELIVERED)), // billed and delivered
            Map.entry(1007, ok(DeliveryStatus.DELIVERED)), // delivered, billing delayed
            Map.entry(1002, undelivered(FailureReason.Expired)), // expired
            Map.entry(1010, undelivered(FailureReason.Expired)), // expired, no operator receipt
            Map.entry(1003, undelivered(FailureReason.ProviderError)), // deleted
            Map.entry(1004, undelivered(FailureReason.Unreachable)), // mobile full
            Map.entry(1006, undelivered(FailureReason.ProviderError)), // not delivered
            Map.entry(1009, undelivered(FailureReason.ProviderError)), // billed OK, not delivered
            Map.entry(1, undelivered(FailureReason.Unreachable)), // temporary routing error
            Map.entry(4, undelivered(FailureReason.ProviderError)), // timeout
            Map.entry(5, undelivered(FailureReason.ProviderError)), // operator: unknown error
            Map.entry(6, undelivered(FailureReason.ProviderError)), // operator error
            Map.entry(0, failed(FailureReason.ProviderError)), // unknown error
            Map.entry(2, failed(FailureReason.Unreachable)), // permanent routing error
            Map.entry(3, failed(FailureReason.ProviderError)), // max throttling exceeded
            Map.entry(104, failed(FailureReason.AccountProblem)), // configuration error
            Map.entry(105, failed(FailureReason.ProviderError)), // internal error
            Map.entry(2000, failed(FailureReason.InvalidSendingParameters)), // invalid source
            Map.entry(2001, failed(FailureReason.InvalidSendingParameters)), // short number source not supported
            Map.entry(2002, failed(FailureReason.InvalidSendingParameters)), // alphanumeric source not supported
            Map.entry(2003, failed(FailureReason.InvalidSendingParameters)), // MSISDN source not supported
            Map.entry(2100, failed(FailureReason.InvalidSendingParameters)), // short number destination unsupported
            Map.entry(2101, failed(FailureReason.InvalidSendingParameters)), // alphanumeric destination unsupported
            Map.entry(2102, failed(FailureReason.InvalidSendingParameters)), // MSISDN destination unsupported
            Map.entry(2103, failed(FailureReason.Blocked)), // operation blocked
            Map.entry(2104, failed(FailureReason.Unreachable)), // unknown subscriber
            Map.entry(2105, failed(FailureReason.Blocked)), // destination blocked
            Map.entry(2106, failed(FailureReason.InvalidSendingParameters)), // number error
            Map.entry(2107, failed(FailureReason.Blocked)), // destination temporarily blocked
            Map.entry(2200, failed(FailureReason.ProviderError)), // charging error
            Map.entry(2201, failed(FailureReason.ProviderError)), // subscriber has low balance
            Map.entry(2202, failed(FailureReason.ProviderError)), // subscriber overcharged
            Map.entry(2203, failed(FailureReason.Blocked)), // subscriber too young
            Map.entry(2204, failed(FailureReason.Blocked)), // prepaid subscriber not allowed
            Map.entry(2205, failed(FailureReason.RecipientOptedOut)), // service rejected by subscriber
            Map.entry(2206, failed(FailureReason.ProviderError)), // subscriber not registered in payment system
            Map.entry(2207, failed(FailureReason.ProviderError)), // subscriber has reached max balance
            Map.entry(3000, failed(FailureReason.InvalidSendingParameters)), // GSM encoding not supported
            Map.entry(3001, failed(FailureReason.InvalidSendingParameters)), // UCS2 encoding not supported
            Map.entry(3002, failed(FailureReason.InvalidSendingParameters)), // binary encoding not supported
            Map.entry(4000, failed(FailureReason.InvalidSendingParameters)), // delivery report not supported
            Map.entry(4001, failed(FailureReason.InvalidSendingParameters)), // invalid message content
            Map.entry(4002, failed(FailureReason.InvalidSendingParameters)), // invalid tariff
            Map.entry(4003, failed(FailureReason.InvalidSendingParameters)), // invalid user data
            Map.entry(4004, failed(FailureReason.InvalidSendingParameters)), // invalid user data header
            Map.entry(4005, failed(FailureReason.InvalidSendingParameters)), // invalid data coding
            Map.entry(4006, failed(FailureReason.InvalidSendingParameters)), // invalid VAT
            Map.entry(4007, failed(FailureReason.InvalidSendingParameters))); // content unsupported by destination

    private LinkMobilityCallbacks() {
    }

    private static Mapping ok(DeliveryStatus status) {
        return new Mapping(status, null);
    }

    private static Mapping undelivered(FailureReason reason) {
        return new Mapping(DeliveryStatus.UNDELIVERED, reason);
    }

    private static Mapping failed(FailureReason reason) {
        return new Mapping(DeliveryStatus.FAILED, reason);
    }

    /** The status a result code stands for; null when this gateway does not know the code. */
    static DeliveryStatus status(int resultCode) {
        Mapping mapping = RESULTS.get(resultCode);
        return mapping == null ? null : mapping.status();
    }

    /** The reason of a failed or undelivered result code; ProviderError for one this gateway does not know. */
    static FailureReason reason(int resultCode) {
        Mapping mapping = RESULTS.get(resultCode);
        return mapping == null || mapping.reason() == null ? FailureReason.ProviderError : mapping.reason();
    }

    /** The message id when it looks like one, for log lines; never a number or a text. */
    public static String logId(JsonNode callback, String field) {
        return JsonFields.text(callback, field).filter(id -> SAFE_ID.matcher(id).matches())
                .orElse("(no " + field + ")");
    }

    public static DeliveryReportReceived deliveryReport(JsonNode report, Instant reportedAt) {
        JsonFields.object(report);
        List<String> problems = new ArrayList<>();
        String id = JsonFields.required(report, "id", problems);
        Integer code = JsonFields.field(report, "resultCode").filter(JsonNode::canConvertToInt).map(JsonNode::asInt)
                .orElse(null);
        DeliveryStatus mapped = null;
        if (code == null) {
            problems.add("resultCode is missing or not a number");
        } else {
            mapped = status(code);
            if (mapped == null) {
                problems.add("resultCode " + code + " is not a LINK Mobility result code this gateway knows");
            }
        }
        check(problems);
        FailureReason reason = mapped.isFailure() ? reason(code) : null;
        String operatorCode = JsonFields.text(report, "operatorResultCode").orElse(null);
        String text = operatorCode == null ? null : "operator result " + operatorCode;
        return new DeliveryReportReceived(PROVIDER, id, mapped, reason, String.valueOf(code), text, null, null,
                reportedAt);
    }

    public static InboundMessageReceived inbound(JsonNode message, Instant receivedAt) {
        JsonFields.object(message);
        List<String> problems = new ArrayList<>();
        String messageId = JsonFields.required(message, "messageId", problems);
        String from = number(message, "source", problems);
        String to = number(message, "destination", problems);
        JsonNode content = JsonFields.field(message, "content").filter(JsonNode::isObject).orElse(null);
        String body = content == null ? null
                : JsonFields.field(content, "userData").filter(JsonNode::isValueNode).map(JsonNode::asText)
                        .orElse(null);
        if (body == null) {
            problems.add("content.userData is missing");
        }
        check(problems);
        return new InboundMessageReceived(PROVIDER, messageId, from, to, body, receivedAt, List.of(), 1);
    }


    private static void check(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException("The callback is malformed: " + String.join("; ", problems) + ".");
        }
    }


    private static String number(JsonNode object, String name, List<String> problems) {
        String raw = JsonFields.required(object, name, problems);
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
