package io.smsconversations.conversation.insight;

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

/**
 * Response-time insight (issue 14 item 6) of one conversation, for whoever may see it (the one visibility rule);
 * {@link SellerInsightResource} has a seller's.
 */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Insight", description = "Response times and unanswered customer messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ResponseTimeResource implements ResponseTimeApi {

    private final ConversationQueries conversations;
    private final ResponseTimeQueries queries;
    private final Caller caller;

    public ResponseTimeResource(ConversationQueries conversations, ResponseTimeQueries queries, Caller caller) {
        this.conversations = conversations;
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public Uni<ConversationResponseTimes> conversation(String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> conversations.requireVisible(caller, conversationId))
                .chain(conversation -> queries.conversation(conversation.id));
    }

}
