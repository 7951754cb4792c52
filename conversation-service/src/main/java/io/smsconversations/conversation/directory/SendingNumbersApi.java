package io.smsconversations.conversation.directory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link SendingNumbersResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface SendingNumbersApi {

    @GET
    @Operation(summary = "My sending numbers",
            description = "The business numbers owned by the caller or by one of the caller's teams, by name, as the "
                    + "directory says now. Admins get every business number.")
    @APIResponse(responseCode = "200", description = "The numbers, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SendingNumbers.class)))
    Uni<SendingNumbers> mine();
}
