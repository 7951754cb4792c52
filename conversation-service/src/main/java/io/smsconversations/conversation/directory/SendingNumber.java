package io.smsconversations.conversation.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.events.BusinessNumberType;

@Schema(name = "SendingNumber", description = "A business number the caller may send from (SPEC §3).")
public record SendingNumber(
        @Schema(description = "E.164, a short code with its country (US:12345) or an alphanumeric sender id",
                example = ApiExamples.BUSINESS_NUMBER) String number,
        @Schema(description = "The number's unique name", example = ApiExamples.BUSINESS_NUMBER_NAME) String name,
        BusinessNumberType type,
        @Schema(example = ApiExamples.PROVIDER) String provider,
        @Schema(description = "Why a send from it would be refused (its provider cannot send from this kind of "
                + "sender, or, when the customer number is given, cannot reach it from it); null when it can send",
                nullable = true, example = "an alphanumeric sender id cannot send to a number in US (carriers there "
                        + "refuse it); send from a long code, toll-free number or short code")
        String cannotSendBecause) {

    /** A number nothing is known against (yet): what the directory holds, usable. */
    public SendingNumber(String number, String name, BusinessNumberType type, String provider) {
        this(number, name, type, provider, null);
    }
}
