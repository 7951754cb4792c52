package io.smsconversations.conversation.unread;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReadRequest", description = "Up to which message the conversation is read.")
public record ReadRequest(
        @Schema(nullable = true, description = "A message of the conversation; absent: up to its newest message")
        UUID upTo) {
}
