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

    @Inject
    JsonWebToken caller;

    @Inject
    NotificationStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "My notifications, newest first",
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
            @QueryParam("before") String before) {
        // Parsed here rather than by JAX-RS, which answers 404 to a query parameter it cannot convert.
        Long size = number("limit", limit, 1, MAX_LIMIT);
        return store.page(caller.getSubject(), size == null ? DEFAULT_LIMIT : size.intValue(),
                number("before", before, 1, Long.MAX_VALUE));
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
