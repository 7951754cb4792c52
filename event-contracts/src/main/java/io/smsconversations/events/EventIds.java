package io.smsconversations.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: providers retry and duplicate, so the id of an event is derived from what identifies
 * it at the provider. A consumer that has seen an id once drops every later copy.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The id of the event for one inbound message of one provider. */
    public static String inboundMessage(String provider, String providerMessageId) {
        return nameBased("inbound", provider, providerMessageId);
    }

    /**
     * The id of the event for one delivery report: provider, message id and status, so a provider's retry of a report
     * is a repeat, while the next status of the same message (sent, then delivered) is a new event.
     */
    public static String deliveryReport(String provider, String providerMessageId, DeliveryStatus status) {
        return nameBased("delivery-report", provider, providerMessageId, status.name());
    }

    /**
     * The id of the event announcing that a message reached a delivery status: one per message and status, so a
     * repeated report announces nothing new.
     */
    public static String messageStatus(String messageId, DeliveryStatus status) {
        return nameBased("message-status", messageId, status.name());
    }

    /** The id of the event derived from another event (e.g. the attach event of one inbound event). */
    public static String derived(String kind, String sourceEventId) {
        return nameBased(kind, sourceEventId);
    }

    private static String nameBased(String... parts) {
        String name = String.join("\u0000", parts);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
