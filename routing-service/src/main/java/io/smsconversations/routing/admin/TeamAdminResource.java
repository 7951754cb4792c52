package io.smsconversations.routing.admin;

import static io.smsconversations.routing.admin.DirectoryAdminResource.published;
import static io.smsconversations.routing.admin.DirectoryAdminResource.valid;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
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
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme", scopes = "sms-admin")
public class TeamAdminResource implements TeamAdminApi {

    private final DirectoryNormaliser normaliser;

    private final DirectoryPublisher publisher;

    private final DirectoryStore store;

    TeamAdminResource(DirectoryNormaliser normaliser, DirectoryPublisher publisher, DirectoryStore store) {
        this.normaliser = normaliser;
        this.publisher = publisher;
        this.store = store;
    }

    @Override
    public Uni<Response> putTeam(String id, Team team) {
        Team normalised = valid(() -> normaliser.team(id, team));
        return published(publisher.publishTeam(normalised), Topics.DIRECTORY_TEAMS, normalised);
    }

    @Override
    public Uni<Response> deleteTeam(String id) {
        return published(publisher.deleteTeam(id), Topics.DIRECTORY_TEAMS, null);
    }

    @Override
    public Uni<TeamView> getTeam(String id) {
        return store.team(id).chain(found -> {
            Team team = found.orElseThrow(() -> new NotFoundException("no team " + id));
            return store.teamMembers(List.of(id))
                    .map(members -> new TeamView(team.id(), team.name(), members.getOrDefault(id, List.of())));
        });
    }

    @Override
    public Uni<List<TeamView>> listTeams() {
        return store.teams().chain(teams -> store.teamMembers(teams.stream().map(Team::id).toList())
                .map(members -> teams.stream()
                        .map(t -> new TeamView(t.id(), t.name(), members.getOrDefault(t.id(), List.of())))
                        .toList()));
    }
}
