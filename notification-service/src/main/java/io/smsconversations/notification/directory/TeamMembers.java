package io.smsconversations.notification.directory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;

/**
 * This service's projection of team membership (Flyway V3, fed by {@link SellersConsumer}), and who owns a record:
 * its seller, or every member of its team.
 * <p>
 * Through the Hibernate session, like the notifications it feeds: the intake reads the owners and stores the
 * notifications in one flow, and a flow reaches PostgreSQL one way (docs/conventions.md, persistence policy).
 */
@ApplicationScoped
public class TeamMembers {

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
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT seller_id FROM seller_team WHERE team_id = ?1 ORDER BY seller_id",
                        Object.class)
                .setParameter(1, owner.teamId())
                .getResultList()))
                .map(ids -> ids.stream().map(String.class::cast).toList())
                .map(LinkedHashSet::new);
    }

    /** Makes {@code teamIds} the teams of {@code sellerId}, in one transaction. */
    public Uni<Void> replace(String sellerId, List<String> teamIds) {
        String[] teams = teamIds.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct()
                .toArray(String[]::new);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM seller_team WHERE seller_id = ?1").setParameter(1, sellerId)
                .executeUpdate()
                .chain(() -> teams.length == 0 ? Uni.createFrom().item(0) : session.createNativeQuery(
                        "INSERT INTO seller_team (seller_id, team_id) SELECT ?1, unnest(CAST(?2 AS varchar[]))")
                        .setParameter(1, sellerId).setParameter(2, teams).executeUpdate())))
                .replaceWithVoid();
    }

    /** Forgets a deleted seller's teams. */
    public Uni<Void> forget(String sellerId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM seller_team WHERE seller_id = ?1").setParameter(1, sellerId)
                .executeUpdate()))
                .replaceWithVoid();
    }
}
