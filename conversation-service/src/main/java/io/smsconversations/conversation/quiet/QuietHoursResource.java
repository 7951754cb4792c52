package io.smsconversations.conversation.quiet;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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
 * The organisation's quiet-hours window (issue 14 item 4): every seller may read it (the pane can tell before
 * sending), only an admin changes it.
 */
@Path("/api/compliance/quiet-hours")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Compliance", description = "Quiet hours and other sending rules of the organisation")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not a seller or admin (GET), not an admin (PUT, DELETE)")
public class QuietHoursResource {

    /** The window in the recipient's local time. */
    @Schema(name = "QuietHoursWindow")
    public record WindowRequest(
            @Schema(example = "08:00", description = "Opens (HH:MM, 00:00-23:59)") String start,
            @Schema(example = "20:00", description = "Closes, exclusive (HH:MM, up to 24:00); before the start: "
                    + "the window wraps midnight") String end) {
    }

    @Schema(name = "QuietHours")
    public record QuietHoursView(
            String start,
            String end,
            @Schema(enumeration = { "ORGANISATION", "DEFAULT" }, description = "ORGANISATION: set by an admin; "
                    + "DEFAULT: the configured default (conversation.quiet-hours.window)") String source,
            @Schema(description = "A send this soon after the customer's latest message is allowed at any hour "
                    + "(ISO-8601 duration)") String replyGrace,
            boolean enabled,
            @Schema(nullable = true) Instant updatedAt,
            @Schema(nullable = true) String updatedBy) {
    }

    private final OrganisationWindow windows;
    private final QuietHoursConfig config;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public QuietHoursResource(OrganisationWindow windows, QuietHoursConfig config, SecurityIdentity identity,
            JsonWebToken token) {
        this.windows = windows;
        this.config = config;
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Operation(summary = "The organisation's quiet-hours window")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    public Uni<QuietHoursView> get() {
        return windows.current().map(this::view);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the organisation's quiet-hours window", description = "Sends to a recipient whose "
            + "local time is outside it are refused (or scheduled for its start) unless the customer wrote lately.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    @APIResponse(responseCode = "400", description = "A time missing or not HH:MM, or start equal to end "
            + "(reason bad-window)", content = @Content(mediaType = "application/problem+json"))
    public Uni<QuietHoursView> set(WindowRequest request) {
        Window window;
        try {
            if (request == null || request.start() == null || request.end() == null) {
                throw new IllegalArgumentException("give both start and end, e.g. {\"start\": \"08:00\", \"end\": "
                        + "\"20:00\"}");
            }
            window = new Window(Window.minute(request.start().strip(), false), Window.minute(request.end().strip(),
                    true));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST)
                    .withType(URI.create("https://sms-conversations.io/problems/bad-window"))
                    .withTitle("Bad quiet-hours window").withDetail(e.getMessage()).with("reason", "bad-window")
                    .build();
        }
        return windows.set(window, Caller.of(identity, token).sellerId()).map(this::view);
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Back to the configured default window")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    public Uni<QuietHoursView> reset() {
        return windows.reset().map(this::view);
    }

    private QuietHoursView view(OrganisationWindow.Setting setting) {
        return new QuietHoursView(setting.window().start(), setting.window().end(), setting.source(),
                config.replyGrace().toString(), config.enabled(), setting.updatedAt(), setting.updatedBy());
    }
}
