package io.smsconversations.conversation.thread;

import java.util.UUID;

import jakarta.ws.rs.NotFoundException;

/**
 * The one 404 of every conversation endpoint (SPEC §5): a conversation that does not exist, one the caller may not
 * see and an id that is not a UUID all answer alike, so an answer never tells a stranger that a conversation exists.
 */
public final class ConversationNotFound {

    private static final String DETAIL = "There is no conversation with this id that you may see";

    private ConversationNotFound() {
    }

    public static NotFoundException exception() {
        return new NotFoundException(DETAIL);
    }

    /** The conversation id of a path; one that is not a UUID names no conversation. */
    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw exception();
        }
    }
}
