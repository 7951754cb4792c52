package io.smsconversations.conversation.unread;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;

/** Mark read (SPEC §5): the unread counts of "My SMS conversations" and the record views start from here. */
// the rest of the path, with its {id}, is the operation's (ReadApi): SmallRye documents a path parameter only there
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ReadResource implements ReadApi {

    private final ReadMarks marks;
    private final Caller caller;

    private final ObjectMapper json;

    ReadResource(ReadMarks marks, Caller caller, ObjectMapper json) {
        this.marks = marks;
        this.caller = caller;
        this.json = json;
    }

    @Override
    public Uni<ReadState> markRead(String id, String body) {
        UUID conversationId = ConversationNotFound.parseId(id);
        ReadRequest request = request(body);
        return marks.markRead(caller, conversationId, request == null ? null : request.upTo());
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
