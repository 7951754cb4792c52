package io.smsconversations.conversation.template;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.RecordType;

/** Fill a body that is not stored yet (a template being written). */
@Schema(name = "BodyPreviewRequest")
public record BodyPreviewRequest(
        @Schema(description = "The text with placeholders, checked as on save", required = true) String body,
        @Schema(description = "When given, the placeholders must be ones a record of this type can fill")
        RecordType category,
        @Schema(description = "The record (directory id) whose fields fill the body", required = true)
        String recordId,
        @Schema(description = "The business number the message would be sent from (E.164)") String businessNumber,
        @Schema(description = "Values the seller typed, by placeholder name; they win over the directory's")
        Map<String, String> values) {

    RenderTarget target() {
        return new RenderTarget(recordId, businessNumber, values);
    }
}
