package io.smsconversations.notification.inbox;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.notification.ApiExamples;

/**
 * The HTTP contract of {@link NotificationsResource}: paths, parameters and their constraints, and what each endpoint
 * answers (OpenAPI), in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
public interface NotificationsApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My notifications, newest first or unread first",
            description = "Paged with a cursor: pass the nextBefore of a page as `before` to get the next one.")
    @APIResponse(responseCode = "200", description = "A page of notifications",
            content = @Content(schema = @Schema(implementation = NotificationPage.class),
                    examples = @ExampleObject(name = "page", value = ApiExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    Uni<NotificationPage> list(
            @QueryParam("limit") @Parameter(description = "Page size, 1 to 200",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            String limit,
            @QueryParam("before")
            @Parameter(description = "Only notifications older than the one with this id (a page's nextBefore)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"),
                    example = ApiExamples.NOTIFICATION_ID)
            String before,
            @QueryParam("order")
            @Parameter(description = "`newest` (default): newest first; `unread-first`: the unread ones first, each"
                    + " group newest first",
                    schema = @Schema(enumeration = { InboxQuery.NEWEST, InboxQuery.UNREAD_FIRST },
                            defaultValue = InboxQuery.NEWEST))
            String order);

    @GET
    @Path("unread-count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many of my notifications are unread")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(schema = @Schema(implementation = UnreadCount.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    Uni<UnreadCount> unreadCount();

    @POST
    @Path("{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark one of my notifications read",
            description = "Idempotent: marking a read notification again keeps its first read time.")
    @APIResponse(responseCode = "200", description = "The notification, now read",
            content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", description = "No notification of mine has this id",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    Uni<NotificationView> markRead(
            @PathParam("id") @Parameter(description = "The notification id", example = ApiExamples.NOTIFICATION_ID,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            String id);

    @POST
    @Path("read-all")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark all my notifications read")
    @APIResponse(responseCode = "200", description = "How many were unread",
            content = @Content(schema = @Schema(implementation = MarkedRead.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    Uni<MarkedRead> markAllRead();
}
