package io.smsconversations.conversation.directory;

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
 * The HTTP contract of {@link SendingNumbersResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface SendingNumbersApi {

    @GET
    @Operation(summary = "My sending numbers",
            description = "The business numbers owned by the caller or by one of the caller's teams, by name, as the "
                    + "directory says now. Admins get every business number. A number its provider cannot send from "
                    + "(or, given customerNumber, cannot reach that customer from) says why in cannotSendBecause.")
    @APIResponse(responseCode = "200", description = "The numbers, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SendingNumbers.class)))
    @APIResponse(responseCode = "400", description = "customerNumber is not an E.164 number",
            content = @Content(mediaType = "application/problem+json"))
    Uni<SendingNumbers> mine(@Parameter(description = "The customer the message would go to (E.164): each number is "
            + "then marked for this destination too (a sender id cannot send to the US or Canada, a short code only "
            + "to its country)", example = ApiExamples.CUSTOMER_NUMBER) @QueryParam("customerNumber") String customer);
}
