package io.smsconversations.conversation.records;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;

/** SPEC §5 ways in from a record: its conversations per phone number, and open-or-start from a work list. */
// the rest of the path, with its {recordId}, is the operations' (RecordConversationsApi): SmallRye documents a path
// parameter only there
@Path("/api/records")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Records", description = "A CRM record's conversations")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class RecordConversationsResource implements RecordConversationsApi {

    private final RecordConversationQueries queries;
    private final ConversationStarter starter;
    private final Caller caller;

    RecordConversationsResource(RecordConversationQueries queries, ConversationStarter starter, Caller caller) {
        this.queries = queries;
        this.starter = starter;
        this.caller = caller;
    }

    @Override
    public Uni<RecordConversations> conversations(String recordId) {
        return queries.of(caller, recordId)
                .onItem().ifNull().failWith(
                        () -> new NotFoundException("There is no record with this id that you may see"));
    }

    @Override
    public Uni<Response> open(String recordId, OpenConversationRequest request) {
        return starter.open(caller, recordId, request).map(opened -> opened.created()
                ? Response.created(URI.create("/api/conversations/" + opened.conversation().id()))
                        .entity(opened.conversation()).build()
                : Response.ok(opened.conversation()).build());
    }

}
