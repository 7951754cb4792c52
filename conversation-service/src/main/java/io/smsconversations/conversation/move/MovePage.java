package io.smsconversations.conversation.move;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConversationMoves", description = "The moves of a conversation, oldest first.")
public record MovePage(List<MoveView> items) {
}
