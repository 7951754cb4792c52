package io.smsconversations.events;

/** One phone number of a record; {@code number} is E.164 once it has passed through the directory. */
public record PhoneNumber(PhoneKind kind, String number) {
}
