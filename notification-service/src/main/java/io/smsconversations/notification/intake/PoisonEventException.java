package io.smsconversations.notification.intake;

/**
 * An event that can never be processed, however often it is retried: it goes to the dead-letter topic. The message
 * is the dead-letter reason, so it names what is wrong and never quotes a phone number or a message body.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
