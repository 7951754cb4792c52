package io.smsconversations.conversation.optout;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;

/**
 * Whether the conversation's customer number may be texted from its business number, and what decided it last: a
 * keyword the customer texted, or a provider's report that the recipient opted out.
 */
@Schema(name = "OptOutState")
public record OptOutState(
        @Schema(description = "true: the customer opted out (a keyword, or a provider's report); nothing may be sent "
                + "to them") boolean optedOut,
        @Schema(nullable = true, description = "When the state last changed (the keyword's or the report's time); "
                + "null if never") Instant changedAt,
        @Schema(nullable = true, enumeration = { "KEYWORD", "PROVIDER_REPORT" },
                description = "What changed it last: the customer's keyword, or the provider reporting that the "
                        + "recipient opted out; null if never") String cause,
        @Schema(nullable = true, example = ApiExamples.OPT_OUT_KEYWORD,
                description = "The keyword the customer texted, in capitals; KEYWORD only") String keyword,
        @Schema(nullable = true, example = ApiExamples.PROVIDER,
                description = "The provider that reported it; PROVIDER_REPORT only") String provider,
        @Schema(nullable = true, example = ApiExamples.PROVIDER_CODE,
                description = "The provider's own code for it, when it gave one; PROVIDER_REPORT only")
        String providerCode) {

    static final OptOutState NEVER = new OptOutState(false, null, null, null, null, null);

    public boolean byProviderReport() {
        return new OptOutSource(cause, keyword, provider, providerCode).isProviderReport();
    }
}
