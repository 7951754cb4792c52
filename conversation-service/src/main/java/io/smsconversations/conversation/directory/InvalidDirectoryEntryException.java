package io.smsconversations.conversation.directory;

/**
 * A directory entry that can never be stored, however often it is retried: it goes straight to the dead-letter
 * topic. The message becomes the {@code dead-letter-reason} header and a log line, so it names the field and never
 * quotes numbers.
 */
public class InvalidDirectoryEntryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidDirectoryEntryException(String reason) {
        super(reason, null, false, false);
    }
}
