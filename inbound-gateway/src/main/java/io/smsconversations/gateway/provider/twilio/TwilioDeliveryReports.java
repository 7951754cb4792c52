package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.gateway.webhook.BusinessNumbers;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/**
 * Turns Twilio's message status callback ({@code MessageStatus}, {@code ErrorCode}, {@code MessageSid}, {@code From},
 * {@code To}) into a {@link DeliveryReportReceived}. The tables are documented in inbound-gateway/README.md.
 */
public final class TwilioDeliveryReports {

    /** Twilio's {@code MessageStatus} values for outbound messages. */
    static final Map<String, DeliveryStatus> STATUSES = Map.ofEntries(
            Map.entry("accepted", DeliveryStatus.QUEUED),
            Map.entry("scheduled", DeliveryStatus.QUEUED),
            Map.entry("queued", DeliveryStatus.QUEUED),
            Map.entry("sending", DeliveryStatus.SENT),
            Map.entry("sent", DeliveryStatus.SENT),
            Map.entry("delivered", DeliveryStatus.DELIVERED),
            // WhatsApp and RCS read receipts: delivered, and then some.
            Map.entry("read", DeliveryStatus.DELIVERED),
            Map.entry("undelivered", DeliveryStatus.UNDELIVERED),
            Map.entry("failed", DeliveryStatus.FAILED),
            Map.entry("canceled", DeliveryStatus.FAILED));

    /**
     * Twilio's error codes that have a reason of their own (twilio.com/docs/api/errors/NNNNN; which pages were
     * checked is in the README); others, 30008 "Unknown error" included, are ProviderError.
     */
    static final Map<String, FailureReason> ERROR_CODES = Map.ofEntries(
            Map.entry("21610", FailureReason.RecipientOptedOut), // attempt to send to an unsubscribed recipient
            Map.entry("21211", FailureReason.InvalidSendingParameters), // invalid 'To' phone number
            Map.entry("21614", FailureReason.InvalidSendingParameters), // 'To' is not a valid mobile number
            Map.entry("21635", FailureReason.InvalidSendingParameters), // 'To' cannot be a landline
            Map.entry("30003", FailureReason.Unreachable), // unreachable destination handset
            Map.entry("30005", FailureReason.Unreachable), // unknown destination handset
            Map.entry("30006", FailureReason.Unreachable), // landline or unreachable carrier
            Map.entry("30004", FailureReason.Blocked), // message blocked (destination blocked from receiving it)
            Map.entry("30007", FailureReason.Blocked), // message filtered (carrier violation)
            Map.entry("30002", FailureReason.AccountProblem), // account suspended
            Map.entry("30036", FailureReason.Expired)); // validity period expired

    private TwilioDeliveryReports() {
    }

    /**
     * The report for one authentic status callback.
     *
     * @throws MalformedWebhookException naming every field that is missing or unusable
     */
    public static DeliveryReportReceived toEvent(FormParameters form, Instant reportedAt) {
        List<String> problems = new ArrayList<>();
        String messageSid = form.first("MessageSid").map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (messageSid == null) {
            problems.add("MessageSid is missing");
        }
        String rawStatus = form.first("MessageStatus").or(() -> form.first("SmsStatus")).map(String::strip)
                .filter(v -> !v.isEmpty()).orElse(null);
        DeliveryStatus status = null;
        if (rawStatus == null) {
            problems.add("MessageStatus is missing");
        } else {
            status = STATUSES.get(rawStatus.toLowerCase(Locale.ROOT));
            if (status == null) {
                problems.add("MessageStatus is not one of " + String.join(", ", STATUSES.keySet().stream().sorted().toList()));
            }
        }
        String to = optionalNumber(form, "To", problems);
        String from = sender(form, to, problems);
        if (!problems.isEmpty()) {
            throw new MalformedWebhookException(
                    "The Twilio status callback is malformed: " + String.join("; ", problems) + ".");
        }
        String errorCode = form.first("ErrorCode").map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        String errorMessage = form.first("ErrorMessage").map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        FailureReason reason = status.isFailure() ? reason(errorCode) : null;
        String text = errorMessage == null ? rawStatus : rawStatus + ": " + errorMessage;
        return new DeliveryReportReceived(TwilioInboundMessages.PROVIDER, messageSid, status, reason, errorCode, text,
                from, to, reportedAt);
    }

    /** The reason for a failed or undelivered message: by error code, ProviderError when unknown or absent. */
    static FailureReason reason(String errorCode) {
        return errorCode == null ? FailureReason.ProviderError
                : ERROR_CODES.getOrDefault(errorCode, FailureReason.ProviderError);
    }

    /** {@code From}: a phone number, a short code (of the recipient's country) or an alphanumeric sender id. */
    private static String sender(FormParameters form, String to, List<String> problems) {
        Optional<String> raw = form.first("From").map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return null;
        }
        Optional<String> from = BusinessNumbers.sending(raw.get(), null, to);
        if (from.isEmpty()) {
            problems.add("From " + BusinessNumbers.SENDING);
        }
        return from.orElse(null);
    }

    private static String optionalNumber(FormParameters form, String name, List<String> problems) {
        Optional<String> raw = form.first(name).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return null;
        }
        Optional<String> e164 = E164.normalise(raw.get());
        if (e164.isEmpty()) {
            problems.add(name + " is not a phone number that can be written in E.164 (+<country code><number>)");
        }
        return e164.orElse(null);
    }
}
