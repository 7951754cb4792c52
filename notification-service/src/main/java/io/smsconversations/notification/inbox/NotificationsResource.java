package io.smsconversations.notification.inbox;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The calling seller's notifications. Any signed-in seller may call it, with or without the Seller privilege: the
 * notification that the privilege is missing must reach exactly those who lack it.
 */
@Path("/api/notifications")
@Authenticated
@Tag(name = "Notifications", description = "In-app notifications of the calling seller")
public class NotificationsResource {

    static final int DEFAULT_LIMIT = 50;
    static final long MAX_LIMIT = 200;
    static final String NEWEST = "newest";
    static final String UNREAD_FIRST = "unread-first";

    @Inject
    JsonWebToken caller;

    @Inject
    NotificationStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "My notifications, newest first or unread first",
            description = "Paged with a cursor: pass the nextBefore of a page as `before` to get the next one.")
    @APIResponse(responseCode = "200", description = "A page of notifications",
            content = @Content(schema = @Schema(implementation = NotificationPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Uni<NotificationPage> list(
            @Parameter(description = "Page size, 1 to 200",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Only notifications older than the one with this id (a page's nextBefore)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @QueryParam("before") String before,
            @Parameter(description = "`newest` (default): newest first; `unread-first`: the unread ones first, each"
                    + " group newest first",
                    schema = @Schema(enumeration = { NEWEST, UNREAD_FIRST }, defaultValue = NEWEST))
            @QueryParam("order") String order) {
        // Parsed here rather than by JAX-RS, which answers 404 to a query parameter it cannot convert.
        Long size = number("limit", limit, 1, MAX_LIMIT);
        int pageSize = size == null ? DEFAULT_LIMIT : size.intValue();
        Long cursor = number("before", before, 1, Long.MAX_VALUE);
        if (order == null || order.isBlank() || NEWEST.equals(order.strip())) {
            return store.page(caller.getSubject(), pageSize, cursor);
        }
        if (UNREAD_FIRST.equals(order.strip())) {
            return store.unreadFirstPage(caller.getSubject(), pageSize, cursor);
        }
        throw new BadRequestException("order must be '" + NEWEST + "' or '" + UNREAD_FIRST + "', not '" + order + "'");
    }

    @GET
    @Path("unread-count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many of my notifications are unread")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(schema = @Schema(implementation = UnreadCount.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Uni<UnreadCount> unreadCount() {
        return store.unreadCount(caller.getSubject()).map(UnreadCount::new);
    }

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
    public Uni<NotificationView> markRead(
            @Parameter(description = "The notification id", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64")) @PathParam("id") String id) {
        long notificationId;
        try {
            notificationId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            // a path that names no notification: not found, like another seller's
            throw new NotFoundException("You have no notification " + id);
        }
        return store.markRead(caller.getSubject(), notificationId);
    }

    @POST
    @Path("read-all")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark all my notifications read")
    @APIResponse(responseCode = "200", description = "How many were unread",
            content = @Content(schema = @Schema(implementation = MarkedRead.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Uni<MarkedRead> markAllRead() {
        return store.markAllRead(caller.getSubject()).map(MarkedRead::new);
    }

    /** The value of an optional whole-number query parameter; null when absent. */
    private static Long number(String name, String text, long min, long max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
