package io.smsconversations.conversation.attach;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.Owner;

/**
 * Who is told about a redirected reply (SPEC §7), from the directory projection: routing alerted the owners of the
 * record it chose, but the reply is stored on the record the conversation moved to. Its owner seller; else the
 * members of its owner team; else (no owner, or a team without members) the sellers the business number is assigned
 * to, directly or through its teams. As routing-service does it, with each recipient's Seller privilege (an unknown
 * seller has none).
 */
@ApplicationScoped
public class RedirectAlerts {

    private static final String OWNER = "SELECT owner_seller_id, owner_team_id FROM directory_record WHERE id = :id";

    private static final String TEAM_MEMBERS = "SELECT seller_id FROM directory_seller_team WHERE team_id = :team";

    private static final String NUMBER_SELLERS = """
            SELECT seller_id FROM directory_business_number_seller WHERE number = :number
            UNION
            SELECT member.seller_id FROM directory_business_number_team team
              JOIN directory_seller_team member ON member.team_id = team.team_id
             WHERE team.number = :number""";

    private static final String PRIVILEGED = """
            SELECT id FROM directory_seller WHERE id IN (:ids) AND seller_privilege""";

    /** In the caller's session; the conversation's record owner as the projection knows it now, else its snapshot. */
    public Uni<List<AlertRecipient>> of(Conversation conversation) {
        return rows(OWNER, "id", conversation.recordId, Object[].class)
                .map(rows -> rows.isEmpty()
                        ? new Owner(conversation.recordOwnerSellerId, conversation.recordOwnerTeamId)
                        : new Owner((String) rows.get(0)[0], (String) rows.get(0)[1]))
                .chain(RedirectAlerts::owners)
                .chain(ids -> ids.isEmpty() ? rows(NUMBER_SELLERS, "number", conversation.businessNumber, String.class)
                        : Uni.createFrom().item(ids))
                .chain(RedirectAlerts::withPrivilege);
    }

    private static Uni<List<String>> owners(Owner owner) {
        if (owner.sellerId() != null) {
            return Uni.createFrom().item(List.of(owner.sellerId()));
        }
        return owner.teamId() == null ? Uni.createFrom().item(List.of())
                : rows(TEAM_MEMBERS, "team", owner.teamId(), String.class);
    }

    private static Uni<List<AlertRecipient>> withPrivilege(List<String> sellerIds) {
        TreeSet<String> ids = new TreeSet<>(sellerIds);
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return rows(PRIVILEGED, "ids", ids, String.class).map(privileged -> {
            Set<String> holders = Set.copyOf(privileged);
            return ids.stream().map(id -> new AlertRecipient(id, holders.contains(id))).toList();
        });
    }

    private static <T> Uni<List<T>> rows(String sql, String name, Object value, Class<T> type) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Object.class).setParameter(name, value).getResultList())
                .map(rows -> rows.stream().map(type::cast).toList());
    }
}
