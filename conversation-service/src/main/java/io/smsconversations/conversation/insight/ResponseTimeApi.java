package io.smsconversations.conversation.insight;

import jakarta.ws.rs.GET;
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
 * The HTTP contract of {@link ResponseTimeResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface ResponseTimeApi {

    @GET
    @Path("{id}/response-times")
    @Operation(summary = "A conversation's response times", description = "Time to the first seller response, the "
            + "customer messages waiting for an answer, the average response time. Kept up to date as messages are "
            + "stored; keywords and their automatic answers count as neither.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConversationResponseTimes.class)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<ConversationResponseTimes> conversation(@PathParam("id") String id);
}
