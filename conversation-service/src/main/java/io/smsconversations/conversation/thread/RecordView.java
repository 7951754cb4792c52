package io.smsconversations.conversation.thread;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.RecordType;

@Schema(name = "Record", description = "The CRM record a conversation is attached to.")
public record RecordView(String id, RecordType type, String name) {
}
