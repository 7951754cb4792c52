package io.smsconversations.conversation.search;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.thread.ConversationView;

/** Search over the caller's conversations and a conversation's export (issue 14 item 5). */
@Path("/api/conversations")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SearchResource {

    static final int MIN_QUERY = 2;
    static final int MAX_QUERY = 200;
    static final int MAX_LIMIT = 50;

    /** The hits, most recent activity first. */
    public record SearchResult(List<SearchHit> items) {
    }

    private final ConversationSearch search;
    private final ConversationExport export;
    private final ConversationQueries conversations;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public SearchResource(ConversationSearch search, ConversationExport export, ConversationQueries conversations,
            SecurityIdentity identity, JsonWebToken token) {
        this.search = search;
        this.export = export;
        this.conversations = conversations;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Path("search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search my conversations", description = "The conversations the caller may see whose "
            + "messages or record name contain the words (PostgreSQL full-text search, any order, whole words, any "
            + "case), or whose customer number is the one typed in any format ((425) 555-0142, +1 425-555-0142, "
            + "4255550142). Most recent activity first.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SearchResult.class)))
    @APIResponse(responseCode = "400", description = "q under 2 or over 200 characters, or limit outside 1..50 "
            + "(reason bad-query or bad-limit)", content = @Content(mediaType = "application/problem+json"))
    public Uni<SearchResult> search(@QueryParam("q") String q,
            @Parameter(description = "1 to 50 (default 20)") @QueryParam("limit") String limit) {
        String text = q == null ? "" : q.strip();
        if (text.length() < MIN_QUERY || text.length() > MAX_QUERY) {
            throw problem("bad-query", "q must have " + MIN_QUERY + " to " + MAX_QUERY + " characters");
        }
        return search.search(caller(), text, limit(limit)).map(SearchResult::new);
    }

    @GET
    @Path("{id}/export/csv")
    @Produces("text/csv")
    @Operation(summary = "Export a conversation as CSV", description = "Every message, oldest first, streamed: a "
            + "header line, then one line per message (RFC 4180 quoting): id, occurredAt, direction, from, to, body, "
            + "sentBy, autoReply, deliveryStatus, failureReason, providerCode, provider, providerMessageId, "
            + "segments.")
    @APIResponse(responseCode = "200", description = "The export, as an attachment",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    public RestMulti<String> csv(@PathParam("id") String id) {
        return csvExport(id);
    }

    @GET
    @Path("{id}/export/json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export a conversation as JSON", description = "A JSON array of the messages, oldest "
            + "first, with the fields of the CSV export, streamed element by element.")
    @APIResponse(responseCode = "200", description = "The export, as an attachment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ExportRow.class)))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see",
            content = @Content(mediaType = "application/problem+json"))
    public RestMulti<ExportRow> json(@PathParam("id") String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return RestMulti.fromUniResponse(visible(conversationId), view -> export.rows(view.id()),
                view -> attachment(conversationId, ".json"));
    }

    /** The visibility check (and its 404) comes before the first byte; then the pages stream. */
    private RestMulti<String> csvExport(String id) {
        UUID conversationId = ConversationNotFound.parseId(id);
        return RestMulti.fromUniResponse(visible(conversationId), view -> export.csv(view.id()),
                view -> attachment(conversationId, ".csv"));
    }

    private Uni<ConversationView> visible(UUID conversationId) {
        return conversations.find(caller(), conversationId).onItem().ifNull()
                .failWith(ConversationNotFound::exception);
    }

    private static Map<String, List<String>> attachment(UUID conversationId, String suffix) {
        return Map.of("Content-Disposition",
                List.of("attachment; filename=\"conversation-" + conversationId + suffix + "\""));
    }

    private static int limit(String limit) {
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range value
        }
        throw problem("bad-limit", "limit must be 1 to " + MAX_LIMIT);
    }

    private static HttpProblem problem(String reason, String detail) {
        return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST)
                .withType(URI.create("https://sms-conversations.io/problems/" + reason))
                .withTitle("Bad Request").withDetail(detail).with("reason", reason).build();
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }
}
