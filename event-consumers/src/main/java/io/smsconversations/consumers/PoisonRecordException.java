package io.smsconversations.consumers;

/**
 * A record that fails for its own content (not a CloudEvent, not the contract's JSON, a field missing, an unknown
 * event type): no retry can make it processable, so it goes to the dead-letter topic at once. The message becomes the
 * {@code dead-letter-reason} header and a log line, so it names what is wrong and never quotes the personal data it
 * found (numbers, bodies).
 */
public class PoisonRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
