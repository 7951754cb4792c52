package io.smsconversations.routing.directory;

/** One thing wrong with a directory entry: the field (as a path, e.g. {@code phones[1].number}) and what is wrong. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
