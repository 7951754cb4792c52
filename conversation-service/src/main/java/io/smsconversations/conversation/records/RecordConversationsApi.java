package io.smsconversations.conversation.records;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.thread.ConversationView;

/**
 * The HTTP contract of {@link RecordConversationsResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface RecordConversationsApi {

    @GET
    @Path("{recordId}/conversations")
    @Operation(summary = "A record's conversations",
            description = "The record (name, type, owner) and, per phone number of the record, the conversations on "
                    + "it that the caller may see; conversations on numbers the record no longer lists under "
                    + "otherNumbers. A contact also gets its related opportunities with their conversations; an "
                    + "opportunity its conversations as activities, most recent first.")
    @APIResponse(responseCode = "200", description = "The record and its conversations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordConversations.class)))
    @APIResponse(responseCode = "404",
            description = "No such record, or one the caller neither owns (by self or team) nor sees a conversation of",
            content = @Content(mediaType = "application/problem+json"))
    Uni<RecordConversations> conversations(@PathParam("recordId") String recordId);

    @PUT
    @Path("{recordId}/conversations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open or start a conversation",
            description = "The conversation of the record (one the caller may see) between the customer number (one "
                    + "of the record's) and the business number (one the caller may send from): the existing one, or "
                    + "a new, empty one. "
                    + "Idempotent. Starting publishes no event; the conversation's first message does.")
    @APIResponse(responseCode = "200", description = "The conversation existed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationView.class)))
    @APIResponse(responseCode = "201", description = "The conversation was started",
            headers = @Header(name = "Location", description = "/api/conversations/{id}"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationView.class)))
    @APIResponse(responseCode = "400", description = "No body, or a number missing or too long",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "The business number is not assigned to the caller or one of "
            + "the caller's teams (or the caller holds neither role)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such record in the directory, or one the caller may not "
            + "see (the same answer, checked before anything else)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "The business number is not E.164, or the customer number is "
            + "not a phone number or not one of the record's",
            content = @Content(mediaType = "application/problem+json"))
    Uni<Response> open(@PathParam("recordId") String recordId,
            @Valid @NotNull OpenConversationRequest request);
}
