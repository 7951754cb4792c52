package io.smsconversations.conversation.quiet;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.quiet.QuietHoursResource.QuietHoursView;
import io.smsconversations.conversation.quiet.QuietHoursResource.WindowRequest;

/**
 * The HTTP contract of {@link QuietHoursResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
public interface QuietHoursApi {

    @GET
    @Operation(summary = "The organisation's quiet-hours window")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    Uni<QuietHoursView> get();

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the organisation's quiet-hours window", description = "Sends to a recipient whose "
            + "local time is outside it are refused (or scheduled for its start) unless the customer wrote lately.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    @APIResponse(responseCode = "400", description = "A time missing or not HH:MM, or start equal to end "
            + "(reason bad-window)", content = @Content(mediaType = "application/problem+json"))
    Uni<QuietHoursView> set(WindowRequest request);

    @DELETE
    @Operation(summary = "Back to the configured default window")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuietHoursView.class)))
    Uni<QuietHoursView> reset();
}
