package io.smsconversations.conversation.records;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;

@Schema(name = "OpenConversationRequest", description = "The two numbers of the conversation to open or start.")
public record OpenConversationRequest(
        @Schema(description = "One of the record's phone numbers; without a country code it is read in the business "
                + "number's country", example = ApiExamples.CUSTOMER_NUMBER)
        @NotBlank @Size(max = 64) String customerNumber,
        @Schema(description = "E.164; a number the caller may send from", example = ApiExamples.BUSINESS_NUMBER)
        @NotBlank @Size(max = 64) String businessNumber) {
}
