package io.smsconversations.conversation.delivery;

import io.smsconversations.events.DeliveryStatus;

/**
 * Delivery only moves forward: queued, then sent, then one final state (delivered, undelivered or failed). Providers
 * retry and reorder their reports, so a report that does not move a message forward changes nothing — a late
 * {@code sent} never overwrites {@code delivered}, and the first final state stays.
 */
public final class DeliveryProgress {

    private DeliveryProgress() {
    }

    public static int rank(DeliveryStatus status) {
        return switch (status) {
            case QUEUED -> 0;
            case SENT -> 1;
            case DELIVERED, UNDELIVERED, FAILED -> 2;
        };
    }
}
