package io.smsconversations.gateway.webhook;

/**
 * The examples of the gateway's OpenAPI document, in one place: what the webhook interfaces ({@code *Api} beside
 * each provider's resources) show a reader of {@code /q/openapi}.
 */
public final class ApiExamples {

    /** A customer number, E.164. */
    public static final String CUSTOMER = "+14255550100";

    /** A business number, E.164 (a short code arrives as its digits with its country, docs/events.md). */
    public static final String BUSINESS = "+14255550199";

    /** A Twilio message SID. */
    public static final String TWILIO_MESSAGE_SID = "SM0123456789abcdef0123456789abcdef";

    private ApiExamples() {
    }
}
