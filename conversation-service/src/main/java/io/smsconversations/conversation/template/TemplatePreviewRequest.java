package io.smsconversations.conversation.template;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Fill a stored template for a record. */
@Schema(name = "TemplatePreviewRequest")
public record TemplatePreviewRequest(
        @Schema(description = "The record (directory id) whose fields fill the template", required = true)
        String recordId,
        @Schema(description = "The business number the message would be sent from (E.164); fills "
                + "BusinessNumberName and must be one the caller may send from") String businessNumber,
        @Schema(description = "Values the seller typed, by placeholder name; they win over the directory's")
        Map<String, String> values) {

    RenderTarget target() {
        return new RenderTarget(recordId, businessNumber, values);
    }
}
