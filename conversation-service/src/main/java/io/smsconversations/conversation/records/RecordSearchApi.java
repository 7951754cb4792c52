package io.smsconversations.conversation.records;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link RecordSearchResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface RecordSearchApi {

    @GET
    @Operation(summary = "Find records by name",
            description = "Records whose name contains the text (any case), by name, among those the caller may see: "
                    + "owned by the caller or one of the caller's teams, or holding a conversation the caller sees; "
                    + "an admin finds any record of the directory.")
    @APIResponse(responseCode = "200", description = "The records found (possibly none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordSearch.Matches.class)))
    @APIResponse(responseCode = "400", description = "No name, a name under 2 or over 100 characters, or a bad limit",
            content = @Content(mediaType = "application/problem+json"))
    Uni<RecordSearch.Matches> find(
            @Parameter(description = "part of the record's name, 2 to 100 characters") @QueryParam("name") String name,
            @Parameter(description = "1 to 50") @QueryParam("limit") @DefaultValue("10") String limit);
}
