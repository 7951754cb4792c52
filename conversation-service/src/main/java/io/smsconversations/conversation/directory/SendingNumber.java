package io.smsconversations.conversation.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.BusinessNumberType;

@Schema(name = "SendingNumber", description = "A business number the caller may send from (SPEC §3).")
public record SendingNumber(
        @Schema(description = "E.164", example = "+14255550199") String number,
        @Schema(description = "The number's unique name", example = "Seattle sales") String name,
        BusinessNumberType type,
        @Schema(example = "twilio") String provider) {
}
