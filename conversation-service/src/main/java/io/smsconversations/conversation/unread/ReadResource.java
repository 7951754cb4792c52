package io.smsconversations.conversation.unread;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;

/** Mark read (SPEC §5): the unread counts of "My SMS conversations" and the record views start from here. */
@Path("/api/conversations/{id}/read")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ReadResource {

    @Inject
    ReadMarks marks;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    ObjectMapper json;

    @POST
    @Operation(summary = "Mark a conversation read",
            description = "Marks the conversation read by the caller up to a message (`upTo`) or, without a body or "
                    + "`upTo`, up to its newest message. The mark only moves forward: marking an older message "
                    + "changes nothing. Each seller has their own mark.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReadRequest.class)))
    @APIResponse(responseCode = "200", description = "The caller's mark and unread count after the call",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReadState.class)))
    @APIResponse(responseCode = "400", description = "The body is not a ReadRequest (upTo not a UUID)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "upTo is not a message of this conversation",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ReadState> markRead(@PathParam("id") String id, String body) {
        UUID conversationId = ConversationNotFound.parseId(id);
        ReadRequest request = request(body);
        return marks.markRead(Caller.of(identity, token), conversationId, request == null ? null : request.upTo());
    }

    /**
     * The body is read as text: a typed parameter would make a POST without body and content type (the common "mark
     * all read") a 415.
     */
    private ReadRequest request(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, ReadRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The body is not a ReadRequest: upTo must be a message id (a UUID)");
        }
    }
}
