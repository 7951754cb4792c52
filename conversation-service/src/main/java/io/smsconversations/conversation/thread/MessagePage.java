package io.smsconversations.conversation.thread;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MessagePage", description = "Messages of a conversation, oldest first.")
public record MessagePage(
        List<MessageView> items,
        @Schema(nullable = true, description = "Pass as `after` to get the next page; null on the last page")
        String nextCursor) {
}
