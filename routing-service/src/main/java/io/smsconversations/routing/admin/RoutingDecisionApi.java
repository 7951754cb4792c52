package io.smsconversations.routing.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.routing.decision.DecisionExplanation;

/**
 * The HTTP contract of {@link RoutingDecisionResource}: paths, parameters and their constraints, and what each endpoint
 * answers (OpenAPI), in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface RoutingDecisionApi {

    @GET
    @Path("/{provider}/{providerMessageId}")
    @Operation(summary = "Explain the routing decision for a provider's message",
            description = "In words (explanation, details) and as data: the candidates as they were, the rule that "
                    + "decided, and the inputs it looked at (the business number's owners, teams, the last "
                    + "conversation's record).")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = DecisionExplanation.class)))
    @APIResponse(responseCode = "404", description = "No decision for this message (unknown, or not routed yet)")
    Uni<DecisionExplanation> explain(
            @PathParam("provider") @Parameter(example = ApiExamples.PROVIDER) String provider,
            @PathParam("providerMessageId") @Parameter(example = ApiExamples.PROVIDER_MESSAGE_ID)
            String providerMessageId);
}
