package io.smsconversations.conversation.search;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.search.SearchResource.SearchResult;

/**
 * The HTTP contract of {@link SearchResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
public interface SearchApi {

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
    Uni<SearchResult> search(@QueryParam("q") String q,
            @Parameter(description = "1 to 50 (default 20)") @QueryParam("limit") String limit);

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
    RestMulti<String> csv(@PathParam("id") String id);

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
    RestMulti<ExportRow> json(@PathParam("id") String id);
}
