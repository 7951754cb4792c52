package io.smsconversations.routing.decision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.routing.activity.ConversationActivityStore;
import io.smsconversations.routing.directory.DirectoryMapping;
import io.smsconversations.routing.directory.DirectoryStore;
import io.smsconversations.routing.directory.RecordEntity;
import io.smsconversations.routing.directory.SellerEntity;

/** Reads what a routing decision needs from the directory: the I/O half, so that the rules stay pure. */
@ApplicationScoped
public class RoutingDirectory {

    /** How many lead id generations to look at before giving up (each is only taken by a re-numbered lead). */
    static final int LEAD_GENERATIONS = 20;

    private final DirectoryStore store;

    private final ConversationActivityStore activity;

    RoutingDirectory(DirectoryStore store, ConversationActivityStore activity) {
        this.store = store;
        this.activity = activity;
    }

    public Uni<RoutingSnapshot> snapshot(String customerNumber, String businessNumber) {
        return Panache.withSession(() -> store.recordsWithNumber(customerNumber)
                .chain(records -> store.businessNumberEntity(businessNumber).chain(number -> {
                    List<Candidate> candidates = records.stream().map(RoutingDirectory::candidate).toList();
                    NumberAssignment assignment = number
                            .map(b -> new NumberAssignment(businessNumber, new TreeSet<>(b.ownerSellerIds),
                                    new TreeSet<>(b.ownerTeamIds)))
                            .orElse(NumberAssignment.unassigned(businessNumber));
                    Set<String> sellerIds = new HashSet<>(assignment.sellerIds());
                    Set<String> teamIds = new HashSet<>(assignment.teamIds());
                    candidates.forEach(c -> {
                        if (c.ownerSellerId() != null) {
                            sellerIds.add(c.ownerSellerId());
                        }
                        if (c.ownerTeamId() != null) {
                            teamIds.add(c.ownerTeamId());
                        }
                    });
                    return store.sellersByIds(sellerIds)
                            .chain(owners -> store.sellersInTeams(teamIds).chain(members -> {
                                List<SellerInfo> sellers = new ArrayList<>();
                                owners.forEach(s -> sellers.add(info(s)));
                                members.forEach(s -> sellers.add(info(s)));
                                // Names of every team the explanation may mention: the number's, the candidates'
                                // owner teams and the teams of the candidates' owner sellers.
                                Set<String> named = new HashSet<>(teamIds);
                                owners.forEach(o -> named.addAll(o.teamIds));
                                return activity.latest(customerNumber, businessNumber)
                                        .chain(last -> store.teamNames(named)
                                                .map(names -> new RoutingSnapshot(candidates, assignment,
                                                        number.isPresent(), SellerDirectory.of(sellers), last,
                                                        names)));
                            }));
                })));
    }

    /**
     * The id for a new lead for {@code customerNumber}: the first generation of {@link Leads#leadId} not taken by a
     * record (the caller has just seen that no record carries the number).
     */
    public Uni<String> freeLeadId(String customerNumber) {
        List<String> ids = IntStream.range(0, LEAD_GENERATIONS).mapToObj(g -> Leads.leadId(customerNumber, g))
                .toList();
        return store.existingRecordIds(ids).map(taken -> ids.stream().filter(id -> !taken.contains(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no free lead id after " + LEAD_GENERATIONS
                        + " generations")));
    }

    private static Candidate candidate(RecordEntity r) {
        return new Candidate(r.id, r.type, r.name, DirectoryMapping.owner(r.ownerSellerId, r.ownerTeamId), r.active,
                r.modifiedOn);
    }

    private static SellerInfo info(SellerEntity s) {
        return new SellerInfo(s.id, Set.copyOf(s.teamIds), s.sellerPrivilege);
    }
}
