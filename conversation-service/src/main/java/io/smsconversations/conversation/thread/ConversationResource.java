package io.smsconversations.conversation.thread;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.optout.OptOutState;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.events.RecordType;

/** The seller's way into conversations: "My SMS conversations" and the history of one (SPEC §5). */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class ConversationResource implements ConversationApi {

    // The list and the history keep their HTTP contract here, not in ConversationApi: their limit carries Bean
    // Validation constraints, and quarkus-resteasy-problem names a violation's parameter ("limit", in "query") from
    // the annotations of the resource's own method.

    private final ConversationQueries queries;
    private final Caller caller;
    private final OptOuts optOuts;

    ConversationResource(ConversationQueries queries, Caller caller, OptOuts optOuts) {
        this.queries = queries;
        this.caller = caller;
        this.optOuts = optOuts;
    }

    @GET
    @Operation(summary = "My SMS conversations",
            description = "Every conversation visible to the caller, most recent activity first, with a preview of "
                    + "its last message and the caller's unread count. Admins see all conversations.")
    @APIResponse(responseCode = "200", description = "A page of conversations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationPage.class)))
    @APIResponse(responseCode = "400",
            description = "limit out of range, before not a cursor, recordType not a record type or unread not a "
                    + "boolean",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<ConversationPage> list(
            @Parameter(description = "Page size, 1 to " + MAX_LIMIT)
            @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("before") String before,
            @Parameter(description = "Only conversations on records of this type",
                    schema = @Schema(implementation = RecordType.class))
            @QueryParam("recordType") String recordType,
            @Parameter(description = "true: only conversations with messages the caller has not marked read",
                    schema = @Schema(implementation = Boolean.class))
            @QueryParam("unread") String unread) {
        Cursor cursor = Cursor.decode(before, "before");
        // Parsed here rather than by JAX-RS, which answers a query parameter it cannot convert with 404.
        ConversationFilter filter = new ConversationFilter(recordType(recordType), unreadOnly(unread));
        return queries.visibleTo(caller, filter, cursor, limit);
    }

    private static RecordType recordType(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RecordType.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("recordType must be one of " + Arrays.toString(RecordType.values()));
        }
    }

    private static boolean unreadOnly(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("unread must be true or false");
        };
    }

    @Override
    public Uni<ConversationView> get(String id) {
        return queries.find(caller, ConversationNotFound.parseId(id))
                .onItem().ifNull().failWith(ConversationNotFound::exception);
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "The history of a conversation", description = "Messages, oldest to newest.")
    @APIResponse(responseCode = "200", description = "A page of messages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessagePage.class)))
    @APIResponse(responseCode = "400", description = "limit out of range or after not a cursor",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such conversation, or one the caller may not see",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<MessagePage> messages(
            @PathParam("id") String id,
            @Parameter(description = "Page size, 1 to " + MAX_LIMIT)
            @QueryParam("limit") @DefaultValue(DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("after") String after) {
        UUID conversationId = ConversationNotFound.parseId(id);
        Cursor cursor = Cursor.decode(after, "after");
        return queries.history(caller, conversationId, cursor, limit)
                .onItem().ifNull().failWith(ConversationNotFound::exception);
    }

    @Override
    public Uni<OptOutState> optOut(String id) {
        return get(id).chain(conversation -> optOuts.state(conversation.customerNumber(), conversation.businessNumber()));
    }

}
