package io.smsconversations.conversation.move;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link MoveResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface MoveApi {

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
    Uni<MoveResult> move(@PathParam("id") String id, MoveRequest request);

    @GET
    @Path("{id}/moves")
    @Operation(summary = "The moves of a conversation", description = "Oldest first: who moved it, when, from, to.")
    @APIResponse(responseCode = "200", description = "Its moves",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MovePage.class)))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<MovePage> moves(@PathParam("id") String id);
}
