package io.smsconversations.gateway.send;

import java.time.Instant;

import io.smsconversations.events.FailureReason;

/**
 * A send request as the ledger holds it.
 *
 * @param deliveries how often the request reached the gateway, this delivery included
 */
public record LedgerEntry(State state, Instant firstSentAt, int deliveries, String providerMessageId,
        FailureReason reason, String providerCode, String providerText, Instant completedAt) {

    public enum State {
        /** Recorded before the provider was called; whether the provider has it is not known. */
        IN_FLIGHT,
        ACCEPTED,
        FAILED
    }

    public boolean isFirstDelivery() {
        return deliveries <= 1;
    }
}
