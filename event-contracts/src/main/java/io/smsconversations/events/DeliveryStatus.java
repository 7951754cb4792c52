package io.smsconversations.events;

/**
 * Where an outbound message stands, in the suite's words; every provider's own statuses map onto these (the mapping
 * tables are in inbound-gateway/README.md).
 */
public enum DeliveryStatus {

    /** The provider accepted the message and has not handed it to a carrier yet. */
    QUEUED,
    /** Handed to the carrier; no receipt from the handset yet. */
    SENT,
    /** The carrier confirmed delivery to the handset. */
    DELIVERED,
    /** The carrier could not deliver it (handset unreachable, blocked, expired ...). */
    UNDELIVERED,
    /** The provider did not send it at all (bad parameters, opted-out recipient, account problem, canceled ...). */
    FAILED;

    /** Whether a report with this status says the message did not arrive, so it carries a {@link FailureReason}. */
    public boolean isFailure() {
        return this == UNDELIVERED || this == FAILED;
    }
}
