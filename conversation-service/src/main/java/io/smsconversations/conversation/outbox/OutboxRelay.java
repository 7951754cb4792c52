package io.smsconversations.conversation.outbox;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.LogSafe;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the pending rows of {@code outbox_event} to Kafka, oldest first, and stamps them published.
 * <p>
 * One relay at a time across all replicas: a pass is one transaction that first takes a transaction-scoped PostgreSQL
 * advisory lock ({@code pg_try_advisory_xact_lock}); a replica that does not get it skips the pass. The lock ends with
 * the transaction on every path - commit, rollback after a failure, a connection lost or a replica killed - so no
 * pooled connection can keep it after a pass (a session lock whose unlock failed would have stopped every relay).
 * A pass reads a batch in id order and hands it to the producer in that order (idempotent, {@code acks=all}: the order
 * per partition holds, retries do not duplicate), waits for every acknowledgement, then stamps, per key, the
 * acknowledged prefix ({@link AcknowledgedPrefix}). A crash or an unreachable broker before the stamp leaves the rows
 * pending: they are published again by the next pass, so an event is published at least once and consumers drop
 * repeats by {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final URI SOURCE = URI.create(EventTypes.SOURCE_CONVERSATION_SERVICE);
    /** The advisory lock of the relay ("outbox" in ASCII); one number for the whole database. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private static final String PENDING = """
            SELECT id, topic, message_key, ce_id, ce_type, ce_subject, ce_time, payload::text AS payload
            FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1""";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    /** A pass is under way; a wake meanwhile only sets {@link #woken}, which the pass reads when it ends. */
    private final AtomicBoolean passing = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile long timer = -1;
    private Counter published;
    private Counter failedPasses;

    OutboxRelay(Pool pool,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> emitter, Vertx vertx, OutboxConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        published = Counter.builder("conversation.outbox.published")
                .description("Outbox events acknowledged by Kafka (a republished event counts again)")
                .register(registry);
        failedPasses = Counter.builder("conversation.outbox.passes.failed")
                .description("Relay passes that could not publish everything (the rows stay pending)")
                .register(registry);
        if (config.enabled()) {
            running.set(true);
            schedule(config.pollInterval().toMillis());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running.set(false);
    }

    /**
     * Events were committed ({@link OutboxWake}): a pass now instead of at the next poll, or, when one is under way
     * (it may have read the pending rows before that commit), another right after it.
     */
    public void wake() {
        woken.set(true);
        pass();
    }

    private void schedule(long delayMillis) {
        if (running.get()) {
            timer = vertx.setTimer(Math.max(1, delayMillis), id -> pass());
        }
    }

    private void pass() {
        if (!running.get() || !passing.compareAndSet(false, true)) {
            return; // stopped, or the pass under way schedules the next one when it ends
        }
        vertx.cancelTimer(timer);
        woken.set(false);
        relayOnce().subscribe().with(
                count -> {
                    passing.set(false);
                    schedule(count >= config.batchSize() || woken.get() ? 1 : config.pollInterval().toMillis());
                },
                failure -> {
                    passing.set(false);
                    failedPasses.increment();
                    LOG.warnf("Outbox relay pass failed, retrying in %s: %s", config.pollInterval(),
                            LogSafe.failure(failure));
                    schedule(config.pollInterval().toMillis());
                });
    }

    /**
     * One pass: publishes up to a batch of pending events if this replica holds the relay lock.
     *
     * @return how many events were published (0 when another replica is relaying)
     */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean("locked"))
                        ? relayLocked(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayLocked(SqlConnection connection) {
        return connection.preparedQuery(PENDING).execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // Joined in list order: the emitter receives them in id order, so the producer keeps the order
                    // within each partition (one key, one partition).
                    List<Uni<AcknowledgedPrefix.Sent>> sends = batch.stream().map(this::publish).toList();
                    return Uni.join().all(sends).andCollectFailures()
                            .chain(sent -> markPublished(connection, sent));
                });
    }

    private Uni<AcknowledgedPrefix.Sent> publish(Row row) {
        long id = row.getLong("id");
        String topic = row.getString("topic");
        String key = row.getString("message_key");
        OffsetDateTime time = row.getOffsetDateTime("ce_time");
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.getString("ce_id"))
                .withType(row.getString("ce_type"))
                .withSource(SOURCE)
                .withSubject(row.getString("ce_subject"))
                .withTimestamp(time.atZoneSameInstant(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(cloudEvent).addMetadata(record))
                .replaceWith(new AcknowledgedPrefix.Sent(id, topic, key, true))
                // A row Kafka did not take stays pending, and so do the later rows of its key.
                .onFailure().recoverWithItem(() -> new AcknowledgedPrefix.Sent(id, topic, key, false));
    }

    private Uni<Integer> markPublished(SqlConnection connection, List<AcknowledgedPrefix.Sent> sent) {
        int batchSize = sent.size();
        List<Long> acknowledged = AcknowledgedPrefix.of(sent);
        if (acknowledged.size() < batchSize) {
            failedPasses.increment();
            LOG.warnf("Kafka did not acknowledge %d of %d outbox events; %d stay pending with the later events of"
                    + " their keys", sent.stream().filter(s -> !s.acknowledged()).count(), batchSize,
                    batchSize - acknowledged.size());
        }
        if (acknowledged.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection
                .preparedQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(acknowledged.toArray(new Long[0])))
                .invoke(() -> published.increment(acknowledged.size()))
                // A partial batch waits a poll interval before the retry instead of hammering a failing broker.
                .replaceWith(acknowledged.size() < batchSize ? 0 : acknowledged.size());
    }
}
