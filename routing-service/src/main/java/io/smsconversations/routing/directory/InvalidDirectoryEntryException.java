package io.smsconversations.routing.directory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A directory entry that cannot be stored as it is. The admin API answers 400 with the violations; the topic
 * consumers dead-letter the Kafka record with this message as the reason. Messages never contain phone numbers.
 */
public class InvalidDirectoryEntryException extends RuntimeException {

    private final String subject;
    private final transient List<Violation> violations;

    public InvalidDirectoryEntryException(String subject, List<Violation> violations) {
        super(subject + ": " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.subject = subject;
        this.violations = List.copyOf(violations);
    }

    /** What was refused, e.g. {@code record c-17} or {@code business number}. */
    public String subject() {
        return subject;
    }

    public List<Violation> violations() {
        return violations;
    }
}
