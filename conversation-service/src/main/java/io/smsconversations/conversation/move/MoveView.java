package io.smsconversations.conversation.move;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.thread.RecordView;

/** One recorded move of a conversation (SPEC §5: who, when, from, to). */
@Schema(name = "ConversationMove")
public record MoveView(
        UUID id,
        @Schema(description = "The conversation the move was made on (another id when it was merged since)")
        UUID fromConversationId,
        RecordView from,
        RecordView to,
        @Schema(description = "The seller who moved it (OIDC subject)") String movedBy,
        Instant movedAt,
        @Schema(description = "true: the target record already had a conversation between the same two numbers, "
                + "and this one was merged into it") boolean merged) {

    static MoveView of(ConversationMove move) {
        return new MoveView(move.id, move.fromConversationId,
                new RecordView(move.fromRecordId, move.fromRecordType, move.fromRecordName),
                new RecordView(move.toRecordId, move.toRecordType, move.toRecordName), move.movedBy, move.movedAt,
                move.merged);
    }
}
