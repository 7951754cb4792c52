package io.smsconversations.conversation.thread;

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
import io.smsconversations.conversation.optout.OptOutState;

/**
 * The HTTP contract of {@link ConversationResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}. The list and the history
 * keep theirs on the resource (see there: their constraints are named from its own method).
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface ConversationApi {

    /** A page's size when the caller names none, and the largest one. */
    String DEFAULT_LIMIT = "50";
    int MAX_LIMIT = 200;

    @GET
    @Path("{id}")
    @Operation(summary = "One conversation")
    @APIResponse(responseCode = "200", description = "The conversation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationView.class)))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<ConversationView> get(@PathParam("id") String id);

    @GET
    @Path("{id}/opt-out")
    @Operation(summary = "Whether the customer opted out",
            description = "A customer who texted STOP (or another opt-out keyword) to the business number, or whom "
                    + "the provider reported opted out (Twilio 21610), may not be texted from it until they text "
                    + "START (SPEC §6). cause says which changed the state last, with the keyword or the provider "
                    + "and its code.")
    @APIResponse(responseCode = "200", description = "The opt-out state of the conversation's two numbers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OptOutState.class)))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<OptOutState> optOut(@PathParam("id") String id);
}
