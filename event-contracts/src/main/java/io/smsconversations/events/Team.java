package io.smsconversations.events;

/**
 * A team of sellers (SPEC §3). Topic {@link Topics#DIRECTORY_TEAMS}, key {@code id}. Its members are the sellers whose
 * {@link Seller#teamIds()} name it, so membership has one source only.
 */
public record Team(String id, String name) {
}
