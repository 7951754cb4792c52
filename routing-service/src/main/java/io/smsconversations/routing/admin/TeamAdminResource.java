package io.smsconversations.routing.admin;

import static io.smsconversations.routing.admin.DirectoryAdminResource.published;
import static io.smsconversations.routing.admin.DirectoryAdminResource.valid;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.routing.directory.DirectoryNormaliser;
import io.smsconversations.routing.directory.DirectoryPublisher;
import io.smsconversations.routing.directory.DirectoryStore;

/**
 * Teams by name (role {@code sms-admin}), published to the compacted {@code directory.teams} like the other directory
 * entries: 202 once Kafka acknowledged, stored by this service's own consumer a moment later. A team's members are
 * the sellers naming it (change them with {@code PUT /api/admin/sellers/{id}}); the views here list them.
 */
@Path("/api/admin/teams")
@RolesAllowed("sms-admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory administration")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an sms-admin")
public class TeamAdminResource {

    @Inject
    DirectoryNormaliser normaliser;

    @Inject
    DirectoryPublisher publisher;

    @Inject
    DirectoryStore store;

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or rename a team", description = "Published to directory.teams. Members are the "
            + "sellers naming the team in their teamIds.")
    @APIResponse(responseCode = "202", description = "Published; the body is the team as published",
            content = @Content(schema = @Schema(implementation = Team.class)))
    @APIResponse(responseCode = "400", description = "Invalid team: the problem names each field")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> putTeam(@PathParam("id") @NotBlank @Size(max = 128) String id, @NotNull Team team) {
        Team normalised = valid(() -> normaliser.team(id, team));
        return published(publisher.publishTeam(normalised), Topics.DIRECTORY_TEAMS, normalised);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team's name", description = "Publishes a tombstone to directory.teams. Sellers, "
            + "records and numbers naming the team keep its id (the CRM changes those).")
    @APIResponse(responseCode = "202", description = "Tombstone published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the change; retry")
    public Uni<Response> deleteTeam(@PathParam("id") @NotBlank @Size(max = 128) String id) {
        return published(publisher.deleteTeam(id), Topics.DIRECTORY_TEAMS, null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A team as this service knows it, with its members")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "No team with this id has a name")
    public Uni<TeamView> getTeam(@PathParam("id") String id) {
        return store.team(id).chain(found -> {
            Team team = found.orElseThrow(() -> new NotFoundException("no team " + id));
            return store.teamMembers(List.of(id))
                    .map(members -> new TeamView(team.id(), team.name(), members.getOrDefault(id, List.of())));
        });
    }

    @GET
    @Operation(summary = "Every team with a name, by id, with its members")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TeamView.class)))
    public Uni<List<TeamView>> listTeams() {
        return store.teams().chain(teams -> store.teamMembers(teams.stream().map(Team::id).toList())
                .map(members -> teams.stream()
                        .map(t -> new TeamView(t.id(), t.name(), members.getOrDefault(t.id(), List.of())))
                        .toList()));
    }
}
