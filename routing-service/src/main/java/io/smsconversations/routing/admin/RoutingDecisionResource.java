package io.smsconversations.routing.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.routing.decision.DecisionExplanation;
import io.smsconversations.routing.decision.DecisionStore;
import io.smsconversations.routing.decision.RoutingExplanations;

/** "Why did this reply land on that record?" (SPEC §4), for admins. */
@Path("/api/admin/routing-decisions")
@RolesAllowed("sms-admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing decisions", description = "Why an inbound reply was attached to its record (role sms-admin)")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an sms-admin")
public class RoutingDecisionResource {

    @Inject
    DecisionStore decisions;

    @GET
    @Path("/{provider}/{providerMessageId}")
    @Operation(summary = "Explain the routing decision for a provider's message",
            description = "In words (explanation, details) and as data: the candidates as they were, the rule that "
                    + "decided, and the inputs it looked at (the business number's owners, teams, the last "
                    + "conversation's record).")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = DecisionExplanation.class)))
    @APIResponse(responseCode = "404", description = "No decision for this message (unknown, or not routed yet)")
    public Uni<DecisionExplanation> explain(@PathParam("provider") String provider,
            @PathParam("providerMessageId") String providerMessageId) {
        return decisions.findByProviderMessage(provider, providerMessageId)
                .map(found -> found.map(RoutingExplanations::explain)
                        .orElseThrow(() -> new NotFoundException("no routing decision for " + provider
                                + " message " + providerMessageId)));
    }
}
