package io.smsconversations.gateway.inbound;

/**
 * Kafka did not acknowledge an event in time, or refused it. The event may or may not have been written: the
 * provider must retry, and the deterministic event id lets consumers drop the copy if both arrive.
 */
public class PublishFailedException extends RuntimeException {

    private final String eventId;

    public PublishFailedException(String eventId, String message, Throwable cause) {
        super(message, cause);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
