package io.smsconversations.conversation.insight;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

/**
 * Response-time insight (issue 14 item 6) of one conversation, for whoever may see it (the one visibility rule);
 * {@link SellerInsightResource} has a seller's.
 */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Insight", description = "Response times and unanswered customer messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ResponseTimeResource {

    private final ConversationQueries conversations;
    private final ResponseTimeQueries queries;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public ResponseTimeResource(ConversationQueries conversations, ResponseTimeQueries queries,
            SecurityIdentity identity, JsonWebToken token) {
        this.conversations = conversations;
        this.queries = queries;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Path("{id}/response-times")
    @Operation(summary = "A conversation's response times", description = "Time to the first seller response, the "
            + "customer messages waiting for an answer, the average response time. Kept up to date as messages are "
            + "stored; keywords and their automatic answers count as neither.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConversationResponseTimes.class)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ConversationResponseTimes> conversation(@PathParam("id") String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return Panache.withSession(() -> conversations.requireVisible(caller(), conversationId))
                .chain(conversation -> queries.conversation(conversation.id));
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }
}
