package io.smsconversations.notification.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smsconversations.notification.ApiExamples;
import io.smsconversations.notification.inbox.NotificationView;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP contract of {@link NotificationStreamResource}: path, parameters and what the stream answers (OpenAPI),
 * in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
public interface NotificationStreamApi {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream of my new notifications (Server-Sent Events)",
            description = "Each event: `id` = notification id, `data` = the notification as JSON (same shape as in"
                    + " the list). Starts with the comment `:connected`; a `:heartbeat` comment keeps an idle"
                    + " stream open. With `Last-Event-ID`, first sends the caller's notifications with a greater id."
                    + " Ends with the comment `:token-expired` when the bearer token expires: reconnect with a new"
                    + " token and `Last-Event-ID`.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "400", description = "A Last-Event-ID that is not a notification id",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "The caller already holds notification.stream.max-per-seller"
            + " open streams on this replica: close one (another tab or device) first",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "This replica does not hear of new notifications yet",
            content = @Content(mediaType = "application/problem+json"))
    Multi<OutboundSseEvent> stream(
            @Context Sse sse,
            @Context HttpServerRequest request,
            @RestHeader("Last-Event-ID")
            @Parameter(description = "Resume: the id of the last event received; the stream first sends the caller's"
                    + " notifications with a greater id", example = ApiExamples.NOTIFICATION_ID)
            String lastEventId);
}
