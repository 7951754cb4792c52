package io.smsconversations.conversation.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class SendingNumbersResource implements SendingNumbersApi {

    private final SendingNumberQueries numbers;
    private final Caller caller;

    SendingNumbersResource(SendingNumberQueries numbers, Caller caller) {
        this.numbers = numbers;
        this.caller = caller;
    }

    @Override
    public Uni<SendingNumbers> mine(String customer) {
        if (customer == null || customer.isBlank()) {
            return numbers.of(caller);
        }
        String e164 = E164.normalise(customer).orElseThrow(() -> Problem.of(400).detail(
                "customerNumber is not an E.164 number (+14255550123)").build());
        return numbers.of(caller, e164);
    }
}
