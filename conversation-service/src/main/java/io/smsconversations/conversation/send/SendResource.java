package io.smsconversations.conversation.send;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
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
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SendResource implements SendApi {

    private final Sender sender;
    private final ConversationQueries queries;
    private final Caller caller;

    SendResource(Sender sender, ConversationQueries queries, Caller caller) {
        this.sender = sender;
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public Uni<Response> send(String id, SendRequest request, String idempotencyKey) {
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
        return sender.send(SendCommand.of(caller, conversationId, typed ? body : null, templateId, request.values(),
                idempotencyKey, Boolean.TRUE.equals(request.whenAllowed())))
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

    @Override
    public Uni<MessageView> message(String id, String messageId) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID message = messageId(messageId);
        return Panache.withSession(() -> queries.requireVisible(caller, conversationId)
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

    private static UUID messageId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such message");
        }
    }
}
