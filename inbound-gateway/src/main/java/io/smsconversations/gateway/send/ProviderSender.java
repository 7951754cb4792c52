package io.smsconversations.gateway.send;

import io.smallrye.mutiny.Uni;

/**
 * One provider's send API. Each provider's package has one, as a CDI bean; {@link ProviderSenders} finds it by
 * {@link #provider()}, the name a business number's {@code provider} carries. A sender makes exactly one call and
 * never fails its Uni for a provider or network problem: it classifies it as a {@link SendAttempt}; the retries are
 * {@link SendRetries}'.
 */
public interface ProviderSender {

    /** The provider's name as in the events ({@code twilio}, {@code acs}, {@code infobip}, {@code vonage}). */
    String provider();

    Uni<SendAttempt> send(OutboundSend send);
}
