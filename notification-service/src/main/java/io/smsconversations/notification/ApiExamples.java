package io.smsconversations.notification;

/**
 * The examples of this service's OpenAPI document, in one place: what the interfaces ({@code NotificationsApi},
 * {@code NotificationStreamApi}) show a reader of {@code /q/openapi} and the Swagger UI.
 */
public final class ApiExamples {

    /** A page of the inbox, as {@code GET /api/notifications} answers it. */
    public static final String PAGE = """
            {"items": [{"id": 42, "kind": "INBOUND_MESSAGE", "title": "New SMS from ***0123",
              "text": "Ada Lovelace: Can we meet tomorrow?",
              "link": {"conversationId": "c-1", "recordId": "contact-7", "recordType": "CONTACT"},
              "createdAt": "2026-11-24T10:15:30.123456Z", "readAt": null}],
             "nextBefore": null}""";

    /** A notification id, as the list and the stream's event ids carry it. */
    public static final String NOTIFICATION_ID = "42";

    private ApiExamples() {
    }
}
