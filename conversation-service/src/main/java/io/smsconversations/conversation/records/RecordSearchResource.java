package io.smsconversations.conversation.records;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;

/** Finding the record to move a conversation to (SPEC §5 "Move"), by name. */
@Path("/api/records")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Records", description = "A CRM record's conversations")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class RecordSearchResource implements RecordSearchApi {

    static final int MAX_LIMIT = 50;
    private static final int MAX_TEXT = 100;

    private final RecordSearch search;
    private final Caller caller;

    public RecordSearchResource(RecordSearch search, Caller caller) {
        this.search = search;
        this.caller = caller;
    }

    @Override
    public Uni<RecordSearch.Matches> find(String name, String limit) {
        String text = name == null ? "" : name.strip();
        if (text.length() < 2 || text.length() > MAX_TEXT) {
            throw new BadRequestException("name must be 2 to " + MAX_TEXT + " characters of the record's name");
        }
        return search.byName(caller, text, limit(limit));
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
