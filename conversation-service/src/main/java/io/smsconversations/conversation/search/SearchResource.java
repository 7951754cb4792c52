package io.smsconversations.conversation.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.thread.ConversationView;
import io.smsconversations.restproblems.Problem;

/** Search over the caller's conversations and a conversation's export (issue 14 item 5). */
@Path("/api/conversations")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SearchResource implements SearchApi {

    static final int MIN_QUERY = 2;
    static final int MAX_QUERY = 200;
    static final int MAX_LIMIT = 50;

    /** The hits, most recent activity first. */
    public record SearchResult(List<SearchHit> items) {
    }

    private final ConversationSearch search;
    private final ConversationExport export;
    private final ConversationQueries conversations;
    private final Caller caller;

    public SearchResource(ConversationSearch search, ConversationExport export, ConversationQueries conversations,
            Caller caller) {
        this.search = search;
        this.export = export;
        this.conversations = conversations;
        this.caller = caller;
    }

    @Override
    public Uni<SearchResult> search(String q, String limit) {
        String text = q == null ? "" : q.strip();
        if (text.length() < MIN_QUERY || text.length() > MAX_QUERY) {
            throw problem("bad-query", "q must have " + MIN_QUERY + " to " + MAX_QUERY + " characters");
        }
        return search.search(caller, text, limit(limit)).map(SearchResult::new);
    }

    @Override
    public RestMulti<String> csv(String id) {
        return csvExport(id);
    }

    @Override
    public RestMulti<ExportRow> json(String id) {
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
        return conversations.find(caller, conversationId).onItem().ifNull()
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
        return Problem.of(Response.Status.BAD_REQUEST).type(reason).detail(detail).reason(reason).build();
    }

}
