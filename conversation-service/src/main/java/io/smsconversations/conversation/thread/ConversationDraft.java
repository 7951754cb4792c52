package io.smsconversations.conversation.thread;

import io.smsconversations.events.RecordRef;

/** What identifies a conversation, plus the record snapshot it starts with. Numbers are E.164. */
public record ConversationDraft(RecordRef record, String customerNumber, String businessNumber) {
}
