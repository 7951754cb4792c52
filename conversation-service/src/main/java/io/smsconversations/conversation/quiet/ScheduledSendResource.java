package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;
import io.smsconversations.conversation.thread.ConversationQueries;

/** A conversation's sends kept for the recipient's window (issue 14 item 4), for whoever may see the conversation. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ScheduledSendResource implements ScheduledSendApi {

    /** The list, newest first. */
    public record ScheduledSendList(List<ScheduledSendView> items) {
    }

    private final ConversationQueries queries;
    private final ScheduledSends sends;
    private final Caller caller;

    public ScheduledSendResource(ConversationQueries queries, ScheduledSends sends, Caller caller) {
        this.queries = queries;
        this.sends = sends;
        this.caller = caller;
    }

    @Override
    public Uni<ScheduledSendList> list(String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> queries.requireVisible(caller, conversationId)
                .chain(conversation -> sends.of(conversationId))
                .map(list -> new ScheduledSendList(list.stream().map(ScheduledSendView::of).toList())));
    }

    @Override
    public Uni<ScheduledSendView> one(String id, String sendId) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID scheduledId = parse(sendId);
        return Panache.withSession(() -> queries.requireVisible(caller, conversationId)
                .chain(conversation -> ScheduledSend.<ScheduledSend>find("id = ?1 and conversationId = ?2",
                        scheduledId, conversationId).<ScheduledSend>firstResult())
                .onItem().ifNull().failWith(() -> new NotFoundException("There is no such scheduled send"))
                .map(ScheduledSendView::of));
    }

    @Override
    public Uni<ScheduledSendView> cancel(String id, String sendId) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID scheduledId = parse(sendId);
        return Panache.withTransaction(() -> queries.requireVisible(caller, conversationId)
                .chain(conversation -> sends.cancel(conversationId, scheduledId, caller, Instant.now())))
                .map(ScheduledSendView::of);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such scheduled send");
        }
    }

}
