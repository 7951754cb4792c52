package io.smsconversations.conversation.quiet;

import jakarta.ws.rs.DELETE;
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
import io.smsconversations.conversation.quiet.ScheduledSendResource.ScheduledSendList;

/**
 * The HTTP contract of {@link ScheduledSendResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface ScheduledSendApi {

    @GET
    @Path("{id}/scheduled-sends")
    @Operation(summary = "A conversation's scheduled sends", description = "Sends kept for the opening of the "
            + "recipient's quiet-hours window (whenAllowed), newest first: SCHEDULED until their time, then SENT "
            + "(with the message id) or REFUSED (with the problem a send got then).")
    @APIResponse(responseCode = "200", description = "The scheduled sends",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduledSendList.class)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<ScheduledSendList> list(@PathParam("id") String id);

    @GET
    @Path("{id}/scheduled-sends/{scheduledSendId}")
    @Operation(summary = "One scheduled send")
    @APIResponse(responseCode = "200", description = "The scheduled send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduledSendView.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled send, or a conversation the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<ScheduledSendView> one(@PathParam("id") String id, @PathParam("scheduledSendId") String sendId);

    @DELETE
    @Path("{id}/scheduled-sends/{scheduledSendId}")
    @Operation(summary = "Cancel a scheduled send", description = "Takes a send back before it goes out: it becomes "
            + "CANCELLED (with who cancelled it and when) and is never released. A send already SENT, REFUSED or "
            + "CANCELLED stays as it is (409). Anyone who may see the conversation may cancel it.")
    @APIResponse(responseCode = "200", description = "The cancelled send",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduledSendView.class)))
    @APIResponse(responseCode = "404", description = "No such scheduled send, or a conversation the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The send is settled already (reason scheduled-send-settled, "
            + "sendStatus names what it became)", content = @Content(mediaType = "application/problem+json"))
    Uni<ScheduledSendView> cancel(@PathParam("id") String id, @PathParam("scheduledSendId") String sendId);
}
