package io.smsconversations.routing.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
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
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme", scopes = "sms-admin")
public class RoutingDecisionResource implements RoutingDecisionApi {

    private final DecisionStore decisions;

    RoutingDecisionResource(DecisionStore decisions) {
        this.decisions = decisions;
    }

    @Override
    public Uni<DecisionExplanation> explain(String provider, String providerMessageId) {
        return decisions.findByProviderMessage(provider, providerMessageId)
                .map(found -> found.map(RoutingExplanations::explain)
                        .orElseThrow(() -> new NotFoundException("no routing decision for " + provider
                                + " message " + providerMessageId)));
    }
}
