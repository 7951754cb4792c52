package io.smsconversations.routing.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.events.LogSafe;
import io.smsconversations.routing.directory.CompactedBatch.Rejected;
import io.smsconversations.routing.messaging.DeadLetters;
import io.smsconversations.routing.messaging.IncomingCloudEvent;
import io.smsconversations.routing.messaging.PoisonMessageException;
import io.smsconversations.routing.messaging.Retries;

/**
 * Learns the directory from its compacted topics, like every other service does: an entry upserts (idempotently:
 * replaying a topic changes nothing), a tombstone deletes. The admin API of this service publishes there too and does
 * not write the tables itself. An entry that cannot be stored goes to {@code <topic>.dlq.routing-service}.
 */
@ApplicationScoped
public class DirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);

    @Inject
    DirectoryStore store;

    @Inject
    RecordBatchWriter writer;

    @Inject
    DeadLetters deadLetters;

    @Inject
    DirectoryNormaliser normaliser;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "routing.consumer.retries", defaultValue = "5")
    int retries;

    /**
     * Records come in batches (a bulk import publishes thousands per second): the batch is checked entry by entry,
     * compacted to the last valid entry per key, and stored in one transaction; refused entries are dead-lettered
     * one by one. Should the transaction still fail after the retries, the entries are stored one by one, each with
     * its own retries, so that one entry the database refuses is the only one dead-lettered. The batch's offsets are
     * committed once all of that is done.
     */
    @Incoming("directory-records")
    public Uni<Void> onRecords(KafkaRecordBatch<String, String> batch) {
        String topic = Topics.DIRECTORY_RECORDS;
        long started = System.nanoTime();
        CompactedBatch<DirectoryRecord> checked = CompactedBatch.of(batch.getRecords(),
                message -> checkedKey(message, topic, EventTypes.DIRECTORY_RECORD_UPSERTED),
                (key, value) -> normaliser.record(key, parse(value, DirectoryRecord.class), null));
        return storeRecords(checked)
                .chain(failed -> {
                    List<Rejected> rejected = new ArrayList<>(checked.rejected());
                    rejected.addAll(failed);
                    return Multi.createFrom().iterable(rejected)
                            .onItem().transformToUniAndConcatenate(r -> deadLetters.send(r.message(), topic,
                                    "directory-records", r.reason()))
                            .collect().last();
                })
                .invoke(() -> LOG.debugf("%s: batch of %d stored in %d ms (%d upserts, %d deletes, %d refused)",
                        topic, batch.getRecords().size(), (System.nanoTime() - started) / 1_000_000,
                        checked.upserts().size(), checked.deletes().size(), checked.rejected().size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Stores the batch; the entries that could not be stored, with the failure. */
    private Uni<List<Rejected>> storeRecords(CompactedBatch<DirectoryRecord> batch) {
        if (batch.latest().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<List<Rejected>> together = Retries.retrying(() -> writer.store(batch.upserts(), batch.deletes()), retries)
                .replaceWith(List.of());
        if (batch.latest().size() == 1) {
            return together.onFailure().recoverWithItem(failure -> List.of(
                    new Rejected(batch.latest().get(0).message(), failure)));
        }
        return together.onFailure().recoverWithUni(failure -> {
            LOG.warnf("%s: a batch of %d entries could not be stored (%s): storing them one by one",
                    Topics.DIRECTORY_RECORDS, batch.latest().size(), failure.getClass().getName());
            return Multi.createFrom().iterable(batch.latest())
                    .onItem().transformToUniAndConcatenate(entry -> Retries.retrying(() -> entry.isDelete()
                            ? writer.store(List.of(), List.of(entry.key()))
                            : writer.store(List.of(entry.value()), List.of()), retries)
                            .replaceWith(Optional.<Rejected> empty())
                            .onFailure().recoverWithItem(f -> Optional.of(new Rejected(entry.message(), f))))
                    .filter(Optional::isPresent).map(Optional::get)
                    .collect().asList();
        });
    }

    @Incoming("directory-sellers")
    public Uni<Void> onSeller(Message<String> message) {
        return consume(message, Topics.DIRECTORY_SELLERS, EventTypes.DIRECTORY_SELLER_UPSERTED,
                store::deleteSeller,
                (key, value) -> store.upsertSeller(normaliser.seller(key, parse(value, Seller.class))));
    }

    @Incoming("directory-teams")
    public Uni<Void> onTeam(Message<String> message) {
        return consume(message, Topics.DIRECTORY_TEAMS, EventTypes.DIRECTORY_TEAM_UPSERTED,
                store::deleteTeam,
                (key, value) -> store.upsertTeam(normaliser.team(key, parse(value, Team.class))));
    }

    @Incoming("directory-business-numbers")
    public Uni<Void> onBusinessNumber(Message<String> message) {
        return consume(message, Topics.DIRECTORY_BUSINESS_NUMBERS, EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED,
                key -> store.deleteBusinessNumber(normaliser.businessNumberKey(key)),
                (key, value) -> {
                    String number = normaliser.businessNumberKey(key);
                    return store.upsertBusinessNumber(
                            normaliser.businessNumber(number, parse(value, BusinessNumber.class)));
                });
    }

    private Uni<Void> consume(Message<String> message, String topic, String expectedType,
            Function<String, Uni<Void>> delete, BiFunction<String, String, Uni<Void>> upsert) {
        String key;
        try {
            key = checkedKey(message, topic, expectedType);
        } catch (PoisonMessageException e) {
            return deadLetter(message, topic, e);
        }
        String value = message.getPayload();
        return Retries.retrying(() -> {
            try {
                return value == null ? delete.apply(key) : upsert.apply(key, value);
            } catch (InvalidDirectoryEntryException e) {
                throw new PoisonMessageException(e.getMessage(), e);
            }
        }, retries)
                .onItem().transformToUni(ignored -> {
                    LOG.debugf("%s: %s %s", topic, value == null ? "deleted" : "upserted", logKey(topic, key));
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> deadLetter(message, topic, failure));
    }

    /**
     * The entry's key, after checking its CloudEvents headers: the CRM may write entries (and tombstones) without
     * any, but headers that are there must be complete, and an upsert of another type is refused.
     */
    private static String checkedKey(Message<String> message, String topic, String expectedType) {
        Optional<IncomingCloudEvent> ce = IncomingCloudEvent.ifPresent(message);
        String key = IncomingCloudEvent.key(message);
        if (key == null || key.isBlank()) {
            throw new PoisonMessageException("a " + topic + " entry needs its id as key");
        }
        if (ce.isPresent() && message.getPayload() != null && !expectedType.equals(ce.get().type())) {
            throw new PoisonMessageException("unexpected CloudEvents type on " + topic + ", expected " + expectedType);
        }
        return key;
    }

    private <T> T parse(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the value: say where, not what.
            throw new PoisonMessageException("value is not a " + type.getSimpleName() + " in JSON ("
                    + e.getClass().getSimpleName() + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ")");
        }
    }

    private static Uni<Void> deadLetter(Message<String> message, String topic, Throwable failure) {
        if (failure instanceof PoisonMessageException) {
            LOG.warnf("%s: record dead-lettered: %s", topic, LogSafe.text(failure.getMessage()));
        } else {
            // A driver's message may quote values (numbers): log the kind of failure only.
            LOG.errorf("%s: record dead-lettered after retries: %s", topic, failure.getClass().getName());
        }
        return Uni.createFrom().completionStage(message.nack(failure));
    }

    private static String logKey(String topic, String key) {
        return Topics.DIRECTORY_BUSINESS_NUMBERS.equals(topic) ? "business number" : key;
    }
}
