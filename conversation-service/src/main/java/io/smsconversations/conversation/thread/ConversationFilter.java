package io.smsconversations.conversation.thread;

import io.smsconversations.events.RecordType;

/**
 * Narrows "My SMS conversations".
 *
 * @param recordType only conversations on records of this type (the conversation's record snapshot); null: all
 * @param unreadOnly only conversations with an inbound message the caller has not marked read
 */
public record ConversationFilter(RecordType recordType, boolean unreadOnly) {

    public static final ConversationFilter NONE = new ConversationFilter(null, false);
}
