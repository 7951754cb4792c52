package io.smsconversations.conversation.attach;

/**
 * A record that can never be processed, however often it is retried: it goes straight to the dead-letter topic.
 * The message becomes the {@code dead-letter-reason} header and a log line, so it names what is wrong and never
 * quotes numbers or bodies.
 */
public class PoisonRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String reason) {
        super(reason, null, false, false);
    }
}
