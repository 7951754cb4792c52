package io.smsconversations.events;

/** Enough of a record for a consumer to show it and decide visibility without asking the directory. */
public record RecordRef(String id, RecordType type, String name, Owner owner) {
}
