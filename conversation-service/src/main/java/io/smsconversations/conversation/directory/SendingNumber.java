package io.smsconversations.conversation.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.events.BusinessNumberType;

@Schema(name = "SendingNumber", description = "A business number the caller may send from (SPEC §3).")
public record SendingNumber(
        @Schema(description = "E.164", example = ApiExamples.BUSINESS_NUMBER) String number,
        @Schema(description = "The number's unique name", example = ApiExamples.BUSINESS_NUMBER_NAME) String name,
        BusinessNumberType type,
        @Schema(example = ApiExamples.PROVIDER) String provider) {
}
