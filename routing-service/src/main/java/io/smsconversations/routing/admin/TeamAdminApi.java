package io.smsconversations.routing.admin;

import static io.smsconversations.routing.admin.DirectoryAdminResource.published;
import static io.smsconversations.routing.admin.DirectoryAdminResource.valid;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.Team;

/**
 * The HTTP contract of {@link TeamAdminResource}: paths, parameters and their constraints, and what each endpoint
 * answers (OpenAPI), in one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
// the resource says it too; SmallRye OpenAPI reads media types from the type declaring the operation
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TeamAdminApi {

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or rename a team", description = "Published to directory.teams. Members are the "
            + "sellers naming the team in their teamIds.")
    @APIResponse(responseCode = "202", description = "Published; the body is the team as published",
            content = @Content(schema = @Schema(implementation = Team.class)))
    @APIResponse(responseCode = "400", description = "Invalid team: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> putTeam(@PathParam("id") @NotBlank @Size(max = 128) String id, @NotNull Team team);

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team's name", description = "Publishes a tombstone to directory.teams. Sellers, "
            + "records and numbers naming the team keep its id (the CRM changes those).")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    Uni<Response> deleteTeam(@PathParam("id") @NotBlank @Size(max = 128) String id);

    @GET
    @Path("/{id}")
    @Operation(summary = "A team as this service knows it, with its members")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "No team with this id has a name")
    Uni<TeamView> getTeam(@PathParam("id") String id);

    @GET
    @Operation(summary = "Every team with a name, by id, with its members")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TeamView.class)))
    Uni<List<TeamView>> listTeams();
}
