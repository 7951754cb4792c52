package io.smsconversations.conversation;

/**
 * The examples of this service's OpenAPI document, in one place: what the resources' {@code *Api} interfaces and the
 * bodies they answer show a reader of {@code /q/openapi}. One customer, one business number and one record run
 * through them, so the examples of one call fit those of the next.
 */
public final class ApiExamples {

    /** A customer's number: E.164. */
    public static final String CUSTOMER_NUMBER = "+14255550100";

    /** A business number the caller may send from: E.164. */
    public static final String BUSINESS_NUMBER = "+14255550199";

    /** The business number's unique name. */
    public static final String BUSINESS_NUMBER_NAME = "Seattle sales";

    /** A provider, as the directory names it. */
    public static final String PROVIDER = "twilio";

    /** The provider's own code for an opt-out it reported (Twilio 21610). */
    public static final String PROVIDER_CODE = "21610";

    /** A record id (the target of a move). */
    public static final String RECORD_ID = "contact-42";

    /** A typed message. */
    public static final String MESSAGE_BODY = "Our offer is ready";

    /** An opt-out keyword, as the customer texted it, in capitals. */
    public static final String OPT_OUT_KEYWORD = "STOP";

    /** When the quiet-hours window opens and closes (HH:MM, the recipient's time). */
    public static final String WINDOW_START = "08:00";
    public static final String WINDOW_END = "20:00";

    private ApiExamples() {
    }
}
