package io.smsconversations.conversation.unread;

import java.util.UUID;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link ReadResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface ReadApi {

    @POST
    @Path("{id}/read")
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
    Uni<ReadState> markRead(@PathParam("id") String id, String body);
}
