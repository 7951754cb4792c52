package io.smsconversations.gateway.send;

import java.time.Duration;
import java.time.Instant;

import io.smsconversations.events.FailureReason;

/**
 * A send request as the ledger holds it.
 *
 * @param deliveries how often the request reached the gateway (any replica), this delivery included
 * @param owner      the replica that holds (or last held) the request, null for rows older than leases
 * @param leaseLeft  how much of the owner's lease is left by the database's clock; zero when it ended or never was
 */
public record LedgerEntry(State state, Instant firstSentAt, int deliveries, String providerMessageId,
        FailureReason reason, String providerCode, String providerText, Instant completedAt, String owner,
        Duration leaseLeft) {

    public enum State {
        /** Recorded before the provider was called; whether the provider has it is not known. */
        IN_FLIGHT,
        ACCEPTED,
        FAILED
    }

    public boolean isFirstDelivery() {
        return deliveries <= 1;
    }

    public boolean isCompleted() {
        return state != State.IN_FLIGHT;
    }

    /** Another replica may be calling the provider for it right now. */
    public boolean isHeldByOther(String me) {
        return state == State.IN_FLIGHT && !leaseLeft.isZero() && owner != null && !owner.equals(me);
    }
}
