package io.smsconversations.routing.messaging;

/**
 * A Kafka record that no retry can make processable (not JSON, a field missing, a number that is not a number,
 * an unknown event type). It goes to the dead-letter topic at once, with this message as the reason; the message
 * names what is wrong, never the personal data it found there.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
