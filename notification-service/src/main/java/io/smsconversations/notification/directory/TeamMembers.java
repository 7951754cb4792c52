package io.smsconversations.notification.directory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This service's projection of team membership (Flyway V3, fed by {@link SellersConsumer}), and who owns a record:
 * its seller, or every member of its team.
 */
@ApplicationScoped
public class TeamMembers {

    private final Pool pool;

    public TeamMembers(Pool pool) {
        this.pool = pool;
    }

    /**
     * The sellers who own {@code record}: its owner seller, or the members of its owner team as far as this
     * service knows them; none when the record or its owner is missing.
     */
    public Uni<Set<String>> ownersOf(RecordRef record) {
        Owner owner = record == null ? null : record.owner();
        if (owner == null) {
            return Uni.createFrom().item(Set.of());
        }
        if (owner.sellerId() != null && !owner.sellerId().isBlank()) {
            return Uni.createFrom().item(Set.of(owner.sellerId()));
        }
        if (owner.teamId() == null || owner.teamId().isBlank()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("SELECT seller_id FROM seller_team WHERE team_id = $1 ORDER BY seller_id")
                .execute(Tuple.of(owner.teamId()))
                .map(rows -> {
                    Set<String> members = new LinkedHashSet<>();
                    rows.forEach(row -> members.add(row.getString("seller_id")));
                    return members;
                });
    }

    /** Makes {@code teamIds} the teams of {@code sellerId}, in one transaction. */
    public Uni<Void> replace(String sellerId, List<String> teamIds) {
        List<Tuple> rows = teamIds.stream().filter(t -> t != null && !t.isBlank()).distinct()
                .map(teamId -> Tuple.of(sellerId, teamId.strip())).toList();
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM seller_team WHERE seller_id = $1").execute(Tuple.of(sellerId))
                .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("INSERT INTO seller_team (seller_id, team_id) VALUES ($1, $2)")
                                .executeBatch(rows).replaceWithVoid()));
    }

    /** Forgets a deleted seller's teams. */
    public Uni<Void> forget(String sellerId) {
        return pool.preparedQuery("DELETE FROM seller_team WHERE seller_id = $1").execute(Tuple.of(sellerId))
                .replaceWithVoid();
    }
}
