package io.smsconversations.conversation.quiet;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.restproblems.Problem;

/**
 * The organisation's quiet-hours window (issue 14 item 4): every seller may read it (the pane can tell before
 * sending), only an admin changes it.
 */
@Path("/api/compliance/quiet-hours")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Compliance", description = "Quiet hours and other sending rules of the organisation")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Not a seller or admin (GET), not an admin (PUT, DELETE)")
public class QuietHoursResource implements QuietHoursApi {

    /** The window in the recipient's local time. */
    @Schema(name = "QuietHoursWindow")
    public record WindowRequest(
            @Schema(example = ApiExamples.WINDOW_START, description = "Opens (HH:MM, 00:00-23:59)") String start,
            @Schema(example = ApiExamples.WINDOW_END,
                    description = "Closes, exclusive (HH:MM, up to 24:00); before the start: the window wraps midnight")
            String end) {
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
    private final Caller caller;

    public QuietHoursResource(OrganisationWindow windows, QuietHoursConfig config, Caller caller) {
        this.windows = windows;
        this.config = config;
        this.caller = caller;
    }

    @Override
    public Uni<QuietHoursView> get() {
        return windows.current().map(this::view);
    }

    @RolesAllowed(Roles.ADMIN)
    @Override
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
            throw Problem.of(Response.Status.BAD_REQUEST).type("bad-window").title("Bad quiet-hours window")
                    .detail(e.getMessage()).reason("bad-window").build();
        }
        return windows.set(window, caller.sellerId()).map(this::view);
    }

    @RolesAllowed(Roles.ADMIN)
    @Override
    public Uni<QuietHoursView> reset() {
        return windows.reset().map(this::view);
    }

    private QuietHoursView view(OrganisationWindow.Setting setting) {
        return new QuietHoursView(setting.window().start(), setting.window().end(), setting.source(),
                config.replyGrace().toString(), config.enabled(), setting.updatedAt(), setting.updatedBy());
    }
}
