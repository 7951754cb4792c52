package io.smsconversations.routing.directory;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DirectoryRecord;

/**
 * Stores a batch of directory records in one transaction, with a constant number of statements whatever its size
 * ({@link RecordRows}). The ids must be distinct (the consumer compacts its batch first).
 */
@ApplicationScoped
public class RecordBatchWriter {

    /**
     * Upserts {@code upserts} (their phones and related contacts replaced) and deletes the records {@code deletes}
     * names (children go with them, {@code ON DELETE CASCADE}), all or nothing.
     */
    public Uni<Void> store(List<DirectoryRecord> upserts, Collection<String> deletes) {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> RecordRows.delete(session, deletes)
                .chain(() -> RecordRows.upsert(session, upserts))));
    }
}
