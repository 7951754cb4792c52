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

    /**
     * Whether calling again after an {@link SendAttempt.Unknown} outcome can never send the message twice (the
     * provider de-duplicates by a key the gateway sends, as ACS does). Then the outcome is not looked up.
     */
    default boolean resendIsSafe() {
        return false;
    }

    /**
     * Asks the provider whether it has the message {@code send} describes, after a call that may have reached it.
     * One call, classified like {@link #send}; the default is a provider that offers no way to ask.
     */
    default Uni<SendLookup> lookUp(OutboundSend send) {
        return Uni.createFrom().item(new SendLookup.Unanswered(provider() + " offers no message lookup", false));
    }
}
