package io.smsconversations.gateway.webhook;

import jakarta.ws.rs.BadRequestException;

/**
 * 400: an authentic webhook whose fields cannot make an event. The message says which fields and why; it becomes the
 * problem's {@code detail} and is logged, so it never quotes a phone number or a message body.
 */
public class MalformedWebhookException extends BadRequestException {

    public MalformedWebhookException(String detail) {
        super(detail);
    }
}
