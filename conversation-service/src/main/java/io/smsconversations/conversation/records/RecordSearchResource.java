package io.smsconversations.conversation.records;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
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

/** Finding the record to move a conversation to (SPEC §5 "Move"), by name. */
@Path("/api/records")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Records", description = "A CRM record's conversations")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class RecordSearchResource {

    static final int MAX_LIMIT = 50;
    private static final int MAX_TEXT = 100;

    private final RecordSearch search;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public RecordSearchResource(RecordSearch search, SecurityIdentity identity, JsonWebToken token) {
        this.search = search;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Operation(summary = "Find records by name",
            description = "Records whose name contains the text (any case), by name, among those the caller may see: "
                    + "owned by the caller or one of the caller's teams, or holding a conversation the caller sees; "
                    + "an admin finds any record of the directory.")
    @APIResponse(responseCode = "200", description = "The records found (possibly none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordSearch.Matches.class)))
    @APIResponse(responseCode = "400", description = "No name, a name under 2 or over 100 characters, or a bad limit",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<RecordSearch.Matches> find(
            @Parameter(description = "part of the record's name, 2 to 100 characters") @QueryParam("name") String name,
            @Parameter(description = "1 to 50") @QueryParam("limit") @DefaultValue("10") String limit) {
        String text = name == null ? "" : name.strip();
        if (text.length() < 2 || text.length() > MAX_TEXT) {
            throw new BadRequestException("name must be 2 to " + MAX_TEXT + " characters of the record's name");
        }
        return search.byName(Caller.of(identity, token), text, limit(limit));
    }

    private static int limit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new BadRequestException("limit must be a number from 1 to " + MAX_LIMIT);
    }
}
