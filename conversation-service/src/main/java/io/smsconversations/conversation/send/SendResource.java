package io.smsconversations.conversation.send;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.Availability;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.quiet.ScheduledSendView;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.conversation.thread.ConversationNotFound;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.thread.MessageView;

/** The conversation pane's send (SPEC §5). */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SendResource {

    @Inject
    Sender sender;

    @Inject
    ConversationQueries queries;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

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
    public Uni<Response> send(@PathParam("id") String id, SendRequest request,
            @Parameter(description = "Any unique string per intended send (at most 128 characters)")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        UUID conversationId = ConversationNotFound.parseId(id);
        String body = request == null ? null : request.body();
        boolean typed = body != null && !body.isBlank();
        UUID templateId = null;
        if (request != null && request.templateId() != null && !request.templateId().isBlank()) {
            if (typed) {
                throw SendProblems.bodyAndTemplate();
            }
            templateId = templateId(request.templateId());
        } else if (!typed) {
            throw SendProblems.emptyBody();
        } else {
            int length = body.codePointCount(0, body.length());
            if (length > SendProblems.MAX_BODY) {
                throw SendProblems.bodyTooLong(length);
            }
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank()
                || idempotencyKey.length() > SendProblems.MAX_IDEMPOTENCY_KEY)) {
            throw SendProblems.badIdempotencyKey();
        }
        return sender.send(caller(), conversationId, typed ? body : null, templateId,
                request.values() == null ? Map.of() : request.values(), idempotencyKey,
                Boolean.TRUE.equals(request.whenAllowed()))
                .map(sent -> sent.message() != null
                        ? Response.accepted(MessageView.of(sent.message()))
                                .location(URI.create("/api/conversations/" + conversationId + "/messages/"
                                        + sent.message().id))
                                .build()
                        : Response.accepted(ScheduledSendView.of(sent.scheduled()))
                                .location(URI.create("/api/conversations/" + conversationId + "/scheduled-sends/"
                                        + sent.scheduled().id))
                                .build())
                // Found by the fault run (docs/reliability.md): a database outage answered 500 and the client could
                // not tell that the same request may simply be sent again.
                .onFailure(Availability::isOutage).transform(outage -> SendProblems.unavailable());
    }

    @GET
    @Path("{id}/messages/{messageId}")
    @Operation(summary = "One message of a conversation", description = "E.g. a sent message, to follow its delivery.")
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "No such message, or a conversation the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<MessageView> message(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID message = messageId(messageId);
        return Panache.withSession(() -> queries.requireVisible(caller(), conversationId)
                .chain(conversation -> ConversationMessage.<ConversationMessage>find(
                        "id = ?1 and conversationId = ?2", message, conversationId).<ConversationMessage>firstResult())
                .onItem().ifNull().failWith(() -> new NotFoundException("There is no such message"))
                .map(MessageView::of));
    }

    private static UUID templateId(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw SendProblems.templateNotFound();
        }
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }

    private static UUID messageId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such message");
        }
    }
}
