package io.smsconversations.conversation.send;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.quiet.ScheduledSendView;
import io.smsconversations.conversation.thread.MessageView;

/**
 * The HTTP contract of {@link SendResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface SendApi {

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message",
            description = "Stores the message as QUEUED and hands it to the gateway. The text is the body, or a template "
                    + "filled for the conversation's record, its business number and the caller (values override "
                    + "the directory's fields) as the template preview fills it. From the conversation's business "
                    + "number (it must be assigned to the caller or one of the caller's teams) to its customer number "
                    + "(it must still be one of the record's numbers, valid E.164, and not opted out). An "
                    + "Idempotency-Key makes a retry answer the message of the first request instead of sending "
                    + "twice. Each refusal is its own problem type; nothing is stored or sent then.")
    @APIResponse(responseCode = "202", description = "Queued: the message (delivery.status QUEUED), Location names "
            + "it; or, with whenAllowed outside the recipient's quiet-hours window, the scheduled send (status "
            + "SCHEDULED, sendAt), Location /api/conversations/{id}/scheduled-sends/{scheduledSendId}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { MessageView.class, ScheduledSendView.class })))
    @APIResponse(responseCode = "400", description = "Empty body (also once a template is filled), over 1600 "
            + "characters, both a body and a template, values for unknown placeholders, or a bad Idempotency-Key",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such conversation, template or record the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The recipient opted out of this business number "
            + "(recipient-opted-out), or it is outside the organisation's window in the recipient's time and the "
            + "customer has not written lately (quiet-hours: window, recipientTimeZone, recipientLocalTime, "
            + "allowedFrom)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "The customer number is not valid E.164 or no longer one of the "
            + "record's numbers", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "The database is away for the moment (Retry-After); nothing was "
            + "stored: send the same request again", content = @Content(mediaType = "application/problem+json"))
    Uni<Response> send(@PathParam("id") String id, SendRequest request,
            @Parameter(description = "Any unique string per intended send (at most 128 characters)")
            @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("{id}/messages/{messageId}")
    @Operation(summary = "One message of a conversation", description = "E.g. a sent message, to follow its delivery.")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "No such message, or a conversation the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    Uni<MessageView> message(@PathParam("id") String id, @PathParam("messageId") String messageId);
}
