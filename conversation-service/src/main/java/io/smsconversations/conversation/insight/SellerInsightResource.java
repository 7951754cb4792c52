package io.smsconversations.conversation.insight;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.restproblems.Problem;

/**
 * Response-time insight (issue 14 item 6) of a seller, for that seller and admins: their answers, and the customer
 * messages waiting in the conversations that seller may see now (the one visibility rule).
 */
@Path("/api/insights")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Insight", description = "Response times and unanswered customer messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SellerInsightResource implements SellerInsightApi {

    private static final int MAX_SELLER_ID = 128;

    private final ResponseTimeQueries queries;
    private final Caller caller;

    public SellerInsightResource(ResponseTimeQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public Uni<SellerResponseTimes> seller(String sellerId) {
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
        return Problem.of(status).type(type).title(title).detail(detail).reason(type).build();
    }

}
