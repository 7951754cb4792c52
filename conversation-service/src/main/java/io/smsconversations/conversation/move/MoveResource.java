package io.smsconversations.conversation.move;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** Moving a conversation to another record, and the moves it went through (SPEC §5). */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class MoveResource {

    @Inject
    Moves moves;

    @Inject
    ConversationQueries queries;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a conversation to another record",
            description = "Every message follows; the move is recorded and announced (ConversationMoved). Moving to "
                    + "the record it is on is a no-op (moved: false). When the target already has a conversation "
                    + "between the same two numbers, this one is merged into it and answers 404 afterwards. Who sees "
                    + "the conversation then follows the new record. A seller may move only to a record they may see "
                    + "(theirs or their team's, or one with a conversation on their number); an admin to any.")
    @APIResponse(responseCode = "200", description = "Moved, or already there",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MoveResult.class)))
    @APIResponse(responseCode = "400", description = "No recordId",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see; or no "
            + "target record with that id that the caller may see (type .../record-not-found; the same answer for a "
            + "record that does not exist and one that is not the caller's)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<MoveResult> move(@PathParam("id") String id, MoveRequest request) {
        return moves.move(caller(), ConversationNotFound.parseId(id), request == null ? null : request.recordId());
    }

    @GET
    @Path("{id}/moves")
    @Operation(summary = "The moves of a conversation", description = "Oldest first: who moved it, when, from, to.")
    @APIResponse(responseCode = "200", description = "Its moves",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MovePage.class)))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<MovePage> moves(@PathParam("id") String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> queries.requireVisible(caller(), conversationId)
                .chain(conversation -> ConversationMove.<ConversationMove>find(
                        "conversationId = ?1 order by movedAt, id", conversationId).list())
                .map(list -> new MovePage(list.stream().map(MoveView::of).toList())));
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }
}
