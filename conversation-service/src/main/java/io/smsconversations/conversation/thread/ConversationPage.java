package io.smsconversations.conversation.thread;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConversationPage", description = "Conversations, most recent activity first.")
public record ConversationPage(
        List<ConversationView> items,
        @Schema(nullable = true, description = "Pass as `before` to get the next page; null on the last page")
        String nextCursor) {
}
