package io.smsconversations.conversation.move;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;

/** Where to move a conversation: a record of any type the directory knows. */
@Schema(name = "MoveRequest")
public record MoveRequest(
        @Schema(description = "The id of the target record", example = ApiExamples.RECORD_ID) String recordId) {
}
