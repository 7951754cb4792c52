package io.smsconversations.routing.admin;

/**
 * The examples of this service's OpenAPI document, in one place: what the admin interfaces ({@link DirectoryAdminApi},
 * {@link TeamAdminApi}, {@link RecordImportApi}, {@link RoutingDecisionApi}) show a reader of {@code /q/openapi}.
 */
public final class ApiExamples {

    /** A phone number as an admin may write it: any format, normalised to E.164. */
    public static final String PHONE = "+1 425 555 0100";

    /** A business number in a path: E.164, its {@code +} URL-encoded. */
    public static final String BUSINESS_NUMBER_PATH = "%2B14255550199";

    /** A record id. */
    public static final String RECORD_ID = "contact-7";

    /** A provider and one of its message ids, as a routing decision is found by. */
    public static final String PROVIDER = "twilio";
    public static final String PROVIDER_MESSAGE_ID = "SM0123456789abcdef0123456789abcdef";

    private ApiExamples() {
    }
}
