package io.smsconversations.notification.inbox;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smsconversations.notification.access.Caller;

/**
 * The calling seller's notifications. Any signed-in seller may call it, with or without the Seller privilege: the
 * notification that the privilege is missing must reach exactly those who lack it.
 */
@Path("/api/notifications")
@Authenticated
@Tag(name = "Notifications", description = "In-app notifications of the calling seller")
@APIResponse(responseCode = "403", description = "Not Allowed")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme")
public class NotificationsResource implements NotificationsApi {

    private final Caller caller;
    private final NotificationStore store;

    NotificationsResource(Caller caller, NotificationStore store) {
        this.caller = caller;
        this.store = store;
    }

    @Override
    public Uni<NotificationPage> list(String limit, String before, String order) {
        return store.page(caller.sellerId(), InboxQuery.parse(limit, before, order));
    }

    @Override
    public Uni<UnreadCount> unreadCount() {
        return store.unreadCount(caller.sellerId()).map(UnreadCount::new);
    }

    @Override
    public Uni<NotificationView> markRead(String id) {
        long notificationId;
        try {
            notificationId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            // a path that names no notification: not found, like another seller's
            throw new NotFoundException("You have no notification " + id);
        }
        return store.markRead(caller.sellerId(), notificationId);
    }

    @Override
    public Uni<MarkedRead> markAllRead() {
        return store.markAllRead(caller.sellerId()).map(MarkedRead::new);
    }
}
