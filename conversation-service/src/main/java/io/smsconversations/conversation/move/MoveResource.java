package io.smsconversations.conversation.move;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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

/** Moving a conversation to another record, and the moves it went through (SPEC §5). */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class MoveResource implements MoveApi {

    private final Moves moves;
    private final ConversationQueries queries;
    private final Caller caller;

    MoveResource(Moves moves, ConversationQueries queries, Caller caller) {
        this.moves = moves;
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public Uni<MoveResult> move(String id, MoveRequest request) {
        return moves.move(caller, ConversationNotFound.parseId(id), request == null ? null : request.recordId());
    }

    @Override
    public Uni<MovePage> moves(String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> queries.requireVisible(caller, conversationId)
                .chain(conversation -> ConversationMove.<ConversationMove>find(
                        "conversationId = ?1 order by movedAt, id", conversationId).list())
                .map(list -> new MovePage(list.stream().map(MoveView::of).toList())));
    }

}
