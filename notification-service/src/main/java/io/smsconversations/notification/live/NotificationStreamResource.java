package io.smsconversations.notification.live;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smsconversations.notification.inbox.NotificationView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The live stream of the calling seller's new notifications, as Server-Sent Events: each event's id is the
 * notification id and its data the notification as JSON. The stream opens with a {@code :connected} comment, sent
 * once the stream is registered, so a client knows from when on it misses nothing.
 */
@Path("/api/notifications/stream")
@Authenticated
@Tag(name = "Notifications")
public class NotificationStreamResource {

    static final String CONNECTED = "connected";

    @Inject
    JsonWebToken caller;

    @Inject
    NotificationHub hub;

    @ConfigProperty(name = "notification.stream.buffer-size", defaultValue = "256")
    int bufferSize;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream of my new notifications (Server-Sent Events)",
            description = "Each event: `id` = notification id, `data` = the notification as JSON (same shape as in"
                    + " the list). Starts with the comment `: connected`.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        String sellerId = caller.getSubject();
        // A bounded buffer per stream: a client that does not read is failed (and reconnects) instead of making the
        // service hold an ever-growing queue for it.
        return Multi.createFrom().<OutboundSseEvent> emitter(emitter -> {
            NotificationHub.Registration registration = hub.register(sellerId,
                    notification -> emitter.emit(event(sse, notification)));
            emitter.onTermination(registration::close);
            emitter.emit(sse.newEventBuilder().comment(CONNECTED).build());
        }, bufferSize);
    }

    private static OutboundSseEvent event(Sse sse, NotificationView notification) {
        return sse.newEventBuilder()
                .id(Long.toString(notification.id()))
                // no mediaType here: set on the event, Quarkus would also write it as a "content-type:" field;
                // the data is JSON through @RestStreamElementType
                .data(NotificationView.class, notification)
                .build();
    }
}
