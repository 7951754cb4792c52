package io.smsconversations.events;

import java.time.Instant;

/**
 * A provider's report on an outbound message: a status callback or delivery receipt, as the provider delivered it
 * to the gateway. Topic {@link Topics#DELIVERY_REPORTS}, key {@code providerMessageId}; the CloudEvents id is
 * {@link EventIds#deliveryReport(String, String, DeliveryStatus)}, so a provider's retry of the same report is
 * dropped while each new status of the message is a new event.
 *
 * @param provider          the gateway adapter's name of the provider ({@code twilio}, {@code telesign}, ...; inbound-gateway
 *                          README lists them): a new provider needs no change here
 * @param providerMessageId the provider's id of the outbound message (Twilio {@code MessageSid})
 * @param status            the normalised status
 * @param reason            why it failed; null unless {@code status} is {@code UNDELIVERED} or {@code FAILED}
 * @param providerCode      the provider's raw error or status code, when it gave one (Twilio {@code ErrorCode})
 * @param providerText      the provider's raw status and error text, when it gave one
 * @param from              the sending (business) number, E.164, when the provider said
 * @param to                the recipient, E.164, when the provider said
 * @param reportedAt        when the gateway received the report
 */
public record DeliveryReportReceived(
        String provider,
        String providerMessageId,
        DeliveryStatus status,
        FailureReason reason,
        String providerCode,
        String providerText,
        String from,
        String to,
        Instant reportedAt) {
}
