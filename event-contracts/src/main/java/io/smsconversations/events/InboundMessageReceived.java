package io.smsconversations.events;

import java.time.Instant;
import java.util.List;

/**
 * A customer's reply, as the provider delivered it to the gateway. Topic {@link Topics#INBOUND_MESSAGES}; the
 * CloudEvents id is {@link EventIds#inboundMessage(String, String)}.
 *
 * @param provider          the gateway adapter's name of the provider ({@code twilio}, {@code telesign}, ...; inbound-gateway
 *                          README lists them): a new provider needs no change here
 * @param providerMessageId the provider's own id of the message (Twilio {@code MessageSid})
 * @param from              the customer number, E.164
 * @param to                the business number that received it, E.164
 * @param segments          how many SMS segments the provider counted (1 when it does not say)
 */
public record InboundMessageReceived(
        String provider,
        String providerMessageId,
        String from,
        String to,
        String body,
        Instant receivedAt,
        List<MediaReference> media,
        int segments) {

    public InboundMessageReceived {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
