package io.smsconversations.conversation.template;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.encoding.SegmentPreview;

/** A template filled for one record and sender: the text that would be sent, and how it will travel. */
@Schema(name = "RenderedTemplate")
public record RenderedTemplate(
        @Schema(description = "The template filled; null when an unsaved body was filled") UUID templateId,
        @Schema(description = "The filled text; cut after 1600 characters when it is longer (withinMaxLength false)")
        String text,
        @Schema(description = "Encoding and segment count of text (as returned)") SegmentPreview segments,
        @Schema(description = "Placeholders whose field was empty and that used their default value")
        List<String> defaulted,
        @Schema(description = "Placeholders whose field was empty and that have no default: they came out blank")
        List<String> empty,
        @Schema(description = "Characters (code points) of the whole filled text, also when text is cut")
        long length,
        @Schema(description = "Whether the filled text is within the 1600 characters a message may have")
        boolean withinMaxLength) {
}
