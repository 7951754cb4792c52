package io.smsconversations.conversation.insight;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;

/**
 * The HTTP contract of {@link SellerInsightResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface SellerInsightApi {

    @GET
    @Path("sellers/{sellerId}/response-times")
    @Operation(summary = "A seller's response times", description = "The seller's answers to waiting customers "
            + "(count, average time, first responses) and the customer messages waiting in the conversations the "
            + "seller may see now. A seller may read their own; an admin anyone's.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SellerResponseTimes.class)))
    @APIResponse(responseCode = "403", description = "Another seller's, asked by a seller (reason "
            + "not-your-insight)", content = @Content(mediaType = "application/problem+json"))
    Uni<SellerResponseTimes> seller(@PathParam("sellerId") String sellerId);
}
