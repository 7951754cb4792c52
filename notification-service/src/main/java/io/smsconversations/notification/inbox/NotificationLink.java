package io.smsconversations.notification.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.RecordType;

/** Where a notification leads the seller app: the conversation and the record it is on (either may be absent). */
@Schema(description = "What the notification is about: a conversation and/or the record it is on")
public record NotificationLink(
        @Schema(description = "Conversation id, to open the conversation pane") String conversationId,
        @Schema(description = "CRM record id") String recordId,
        @Schema(description = "CRM record type") RecordType recordType) {
}
