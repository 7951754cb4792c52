package io.smsconversations.conversation.insight;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;

/**
 * Response-time insight (issue 14 item 6) of a seller, for that seller and admins: their answers, and the customer
 * messages waiting in the conversations that seller may see now (the one visibility rule).
 */
@Path("/api/insights")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Insight", description = "Response times and unanswered customer messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SellerInsightResource {

    private static final int MAX_SELLER_ID = 128;

    private final ResponseTimeQueries queries;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public SellerInsightResource(ResponseTimeQueries queries, SecurityIdentity identity, JsonWebToken token) {
        this.queries = queries;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Path("sellers/{sellerId}/response-times")
    @Operation(summary = "A seller's response times", description = "The seller's answers to waiting customers "
            + "(count, average time, first responses) and the customer messages waiting in the conversations the "
            + "seller may see now. A seller may read their own; an admin anyone's.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SellerResponseTimes.class)))
    @APIResponse(responseCode = "403", description = "Another seller's, asked by a seller (reason "
            + "not-your-insight)", content = @Content(mediaType = "application/problem+json"))
    public Uni<SellerResponseTimes> seller(@PathParam("sellerId") String sellerId) {
        Caller caller = caller();
        if (sellerId.length() > MAX_SELLER_ID) {
            throw problem(Response.Status.BAD_REQUEST, "bad-seller-id", "Bad seller id",
                    "a seller id has at most " + MAX_SELLER_ID + " characters");
        }
        if (!caller.admin() && !caller.sellerId().equals(sellerId)) {
            throw problem(Response.Status.FORBIDDEN, "not-your-insight", "Not your insight",
                    "a seller may read only their own response times; an admin anyone's");
        }
        return queries.seller(sellerId);
    }

    private static HttpProblem problem(Response.Status status, String type, String title, String detail) {
        return HttpProblem.builder().withStatus(status)
                .withType(URI.create("https://sms-conversations.io/problems/" + type))
                .withTitle(title).withDetail(detail).with("reason", type).build();
    }

    private Caller caller() {
        return Caller.of(identity, token);
    }
}
