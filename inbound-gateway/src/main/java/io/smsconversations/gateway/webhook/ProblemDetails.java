package io.smsconversations.gateway.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of an RFC 9457 problem body ({@code application/problem+json}), for the OpenAPI document only: the
 * bodies themselves are written by quarkus-resteasy-problem from the exceptions the endpoints throw.
 */
@Schema(name = "ProblemDetails", description = "RFC 9457 problem details")
public record ProblemDetails(
        @Schema(description = "URI of the problem type; about:blank when the status says it all", example = "about:blank") String type,
        @Schema(description = "Short summary of the status", example = "Forbidden") String title,
        @Schema(description = "HTTP status", example = "403") int status,
        @Schema(description = "What was wrong, in words", example = "The X-Twilio-Signature header does not match this request.") String detail,
        @Schema(description = "The path that answered", example = "/webhooks/twilio/messages") String instance) {
}
