package io.smsconversations.conversation.quiet;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
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
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ScheduledSendResource {

    /** The list, newest first. */
    public record ScheduledSendList(List<ScheduledSendView> items) {
    }

    private final ConversationQueries queries;
    private final ScheduledSends sends;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public ScheduledSendResource(ConversationQueries queries, ScheduledSends sends, SecurityIdentity identity,
            JsonWebToken token) {
        this.queries = queries;
        this.sends = sends;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Path("{id}/scheduled-sends")
    @Operation(summary = "A conversation's scheduled sends", description = "Sends kept for the opening of the "
            + "recipient's quiet-hours window (whenAllowed), newest first: SCHEDULED until their time, then SENT "
            + "(with the message id) or REFUSED (with the problem a send got then).")
    @APIResponse(responseCode = "200", description = "The scheduled sends",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduledSendList.class)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ScheduledSendList> list(@PathParam("id") String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> queries.requireVisible(caller(), conversationId)
                .chain(conversation -> sends.of(conversationId))
                .map(list -> new ScheduledSendList(list.stream().map(ScheduledSendView::of).toList())));
    }

    @GET
    @Path("{id}/scheduled-sends/{scheduledSendId}")
    @Operation(summary = "One scheduled send")
    @APIResponse(responseCode = "200", description = "The scheduled send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduledSendView.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled send, or a conversation the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ScheduledSendView> one(@PathParam("id") String id, @PathParam("scheduledSendId") String sendId) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID scheduledId = parse(sendId);
        return Panache.withSession(() -> queries.requireVisible(caller(), conversationId)
                .chain(conversation -> ScheduledSend.<ScheduledSend>find("id = ?1 and conversationId = ?2",
                        scheduledId, conversationId).<ScheduledSend>firstResult())
                .onItem().ifNull().failWith(() -> new NotFoundException("There is no such scheduled send"))
                .map(ScheduledSendView::of));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such scheduled send");
        }
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }
}
