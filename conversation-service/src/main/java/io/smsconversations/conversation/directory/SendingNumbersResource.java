package io.smsconversations.conversation.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.events.E164;
import io.smsconversations.restproblems.Problem;

/** "My sending numbers" (SPEC §3, §5): the numbers the conversation pane offers to send from. */
@Path("/api/sending-numbers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Sending numbers", description = "The business numbers the caller may send from")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SendingNumbersResource {

    @Inject
    SendingNumberQueries numbers;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "My sending numbers",
            description = "The business numbers owned by the caller or by one of the caller's teams, by name, as the "
                    + "directory says now. Admins get every business number. A number its provider cannot send from "
                    + "(or, given customerNumber, cannot reach that customer from) says why in cannotSendBecause.")
    @APIResponse(responseCode = "200", description = "The numbers, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SendingNumbers.class)))
    public Uni<SendingNumbers> mine(@Parameter(description = "The customer the message would go to (E.164): each "
            + "number is then marked for this destination too (a sender id cannot send to the US or Canada, a short "
            + "code only to its country)", example = "+14255550123") @QueryParam("customerNumber") String customer) {
        if (customer == null || customer.isBlank()) {
            return numbers.of(Caller.of(identity, token));
        }
        String e164 = E164.normalise(customer).orElseThrow(() -> Problem.of(400).detail(
                "customerNumber is not an E.164 number (+14255550123)").build());
        return numbers.of(Caller.of(identity, token), e164);
    }
}
