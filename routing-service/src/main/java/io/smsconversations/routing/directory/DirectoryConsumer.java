package io.smsconversations.routing.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smsconversations.events.LogSafe;
import io.smsconversations.consumers.ConsumerRetries;
import io.smsconversations.consumers.DeadLetters;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.routing.directory.CompactedBatch.Rejected;

/**
 * Learns the directory from its compacted topics, like every other service does: an entry upserts (idempotently:
 * replaying a topic changes nothing), a tombstone deletes. The admin API of this service publishes there too and does
 * not write the tables itself. An entry that cannot be stored goes to {@code <topic>.dlq.routing-service}; a database
 * or broker outage is waited out (see event-consumers), so no good entry is ever skipped because of one.
 */
@ApplicationScoped
public class DirectoryConsumer {

    static final String RECORDS_CHANNEL = "directory-records";

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);

    private final DirectoryStore store;
    private final RecordBatchWriter writer;
    private final DirectoryNormaliser normaliser;
    private final EventConsumers consumers;
    private final ConsumerRetries retries;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public DirectoryConsumer(DirectoryStore store, RecordBatchWriter writer, DirectoryNormaliser normaliser,
            EventConsumers consumers, ConsumerRetries retries, DeadLetters deadLetters, ObjectMapper json) {
        this.store = store;
        this.writer = writer;
        this.normaliser = normaliser;
        this.consumers = consumers;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    /**
     * Records come in batches (a bulk import publishes thousands per second): the batch is checked entry by entry,
     * compacted to the last valid entry per key, and stored in one transaction; refused entries are dead-lettered
     * one by one. Should the transaction fail for a reason other than an outage (which is waited out), the entries
     * are stored one by one, so that one entry the database refuses is the only one dead-lettered. The batch's
     * offsets are committed once all of that is done.
     */
    @Incoming(RECORDS_CHANNEL)
    public Uni<Void> onRecords(KafkaRecordBatch<String, String> batch) {
        long started = System.nanoTime();
        CompactedBatch<DirectoryRecord> checked = CompactedBatch.of(batch.getRecords(),
                message -> entry(message, EventTypes.DIRECTORY_RECORD_UPSERTED).requiredKey("its id"),
                (key, value) -> normaliser.record(key, parse(value, DirectoryRecord.class), null));
        return storeRecords(checked)
                .chain(failed -> {
                    List<Rejected> rejected = new ArrayList<>(checked.rejected());
                    rejected.addAll(failed);
                    return Multi.createFrom().iterable(rejected)
                            .onItem().transformToUniAndConcatenate(r -> deadLetters.send(RECORDS_CHANNEL,
                                    r.message(), r.reason()))
                            .collect().last();
                })
                .invoke(() -> LOG.debugf("%s: batch of %d stored in %d ms (%d upserts, %d deletes, %d refused)",
                        Topics.DIRECTORY_RECORDS, batch.getRecords().size(), (System.nanoTime() - started) / 1_000_000,
                        checked.upserts().size(), checked.deletes().size(), checked.rejected().size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Stores the batch; the entries that could not be stored, with the failure. */
    private Uni<List<Rejected>> storeRecords(CompactedBatch<DirectoryRecord> batch) {
        if (batch.latest().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<List<Rejected>> together = retries.run(RECORDS_CHANNEL,
                () -> writer.store(batch.upserts(), batch.deletes())).replaceWith(List.of());
        if (batch.latest().size() == 1) {
            return together.onFailure().recoverWithItem(failure -> List.of(
                    new Rejected(batch.latest().get(0).message(), failure)));
        }
        return together.onFailure().recoverWithUni(failure -> {
            LOG.warnf("%s: a batch of %d entries could not be stored (%s): storing them one by one",
                    Topics.DIRECTORY_RECORDS, batch.latest().size(), LogSafe.failure(failure));
            return Multi.createFrom().iterable(batch.latest())
                    .onItem().transformToUniAndConcatenate(entry -> retries.run(RECORDS_CHANNEL, () -> entry.isDelete()
                            ? writer.store(List.of(), List.of(entry.key()))
                            : writer.store(List.of(entry.value()), List.of()))
                            .replaceWith(Optional.<Rejected> empty())
                            .onFailure().recoverWithItem(f -> Optional.of(new Rejected(entry.message(), f))))
                    .filter(Optional::isPresent).map(Optional::get)
                    .collect().asList();
        });
    }

    @Incoming("directory-sellers")
    public Uni<Void> onSeller(Message<String> message) {
        return consume("directory-sellers", message, EventTypes.DIRECTORY_SELLER_UPSERTED,
                store::deleteSeller,
                (key, value) -> store.upsertSeller(normaliser.seller(key, parse(value, Seller.class))));
    }

    @Incoming("directory-teams")
    public Uni<Void> onTeam(Message<String> message) {
        return consume("directory-teams", message, EventTypes.DIRECTORY_TEAM_UPSERTED,
                store::deleteTeam,
                (key, value) -> store.upsertTeam(normaliser.team(key, parse(value, Team.class))));
    }

    @Incoming("directory-business-numbers")
    public Uni<Void> onBusinessNumber(Message<String> message) {
        return consume("directory-business-numbers", message, EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED,
                key -> store.deleteBusinessNumber(normaliser.businessNumberKey(key)),
                (key, value) -> {
                    String number = normaliser.businessNumberKey(key);
                    return store.upsertBusinessNumber(
                            normaliser.businessNumber(number, parse(value, BusinessNumber.class)));
                });
    }

    private Uni<Void> consume(String channel, Message<String> message, String expectedType,
            Function<String, Uni<Void>> delete, BiFunction<String, String, Uni<Void>> upsert) {
        return consumers.processEntry(channel, message, entry -> {
            String key = entry.requireTypeIfPresent(expectedType).requiredKey("its id");
            try {
                return entry.isTombstone() ? delete.apply(key) : upsert.apply(key, entry.payload());
            } catch (InvalidDirectoryEntryException e) {
                throw new PoisonRecordException(e.getMessage(), e);
            }
        });
    }

    private static IncomingEvent entry(Message<String> message, String expectedType) {
        return IncomingEvent.entry(message).requireTypeIfPresent(expectedType);
    }

    private <T> T parse(String value, Class<T> type) {
        return IncomingEvent.parse(json, value, type);
    }
}
