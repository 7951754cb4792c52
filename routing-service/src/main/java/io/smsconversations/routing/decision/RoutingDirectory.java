package io.smsconversations.routing.decision;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.routing.directory.DirectoryStore;

/** Reads what a routing decision needs from the directory: the I/O half, so that the rules stay pure. */
@ApplicationScoped
public class RoutingDirectory {

    /** How many lead id generations to look at before giving up (each is only taken by a re-numbered lead). */
    static final int LEAD_GENERATIONS = 20;

    private final DirectoryStore store;

    private final ObjectMapper json;

    RoutingDirectory(DirectoryStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * What a decision on {@code inboundEventId} reads, in one statement ({@link SnapshotQuery}); empty when a
     * decision is already stored for the event.
     */
    public Uni<Optional<RoutingSnapshot>> snapshotUnlessDecided(String inboundEventId, String customerNumber,
            String businessNumber) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(SnapshotQuery.SQL, Object.class)
                .setParameter(1, customerNumber)
                .setParameter(2, businessNumber)
                .setParameter(3, inboundEventId)
                .getSingleResult()))
                .map(document -> SnapshotQuery.read((String) document, businessNumber, json));
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
}
