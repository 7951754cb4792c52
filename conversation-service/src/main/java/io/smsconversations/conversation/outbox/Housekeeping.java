package io.smsconversations.conversation.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import io.smsconversations.events.LogSafe;

/**
 * Keeps the two bookkeeping tables from growing without end: published outbox rows, and delivery reports kept for a
 * provider message id no SendAccepted ever named (messages another system sent). Deletes are idempotent, so every
 * replica may run them; each statement deletes a bounded number of rows to keep its transaction short.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    private static final int ROWS_PER_STATEMENT = 10_000;

    private static final String OLD_PUBLISHED = """
            DELETE FROM outbox_event WHERE id IN (
                SELECT id FROM outbox_event WHERE published_at < $1 LIMIT %d)""".formatted(ROWS_PER_STATEMENT);

    private static final String OLD_PENDING_REPORTS = """
            DELETE FROM pending_delivery_report WHERE event_id IN (
                SELECT event_id FROM pending_delivery_report WHERE received_at < $1 LIMIT %d)"""
            .formatted(ROWS_PER_STATEMENT);

    /** How long bookkeeping rows are kept. */
    @ConfigMapping(prefix = "conversation.housekeeping")
    public interface Config {

        /** Published outbox rows older than this are deleted (kept a while to see what was published). */
        @WithDefault("P7D")
        Duration publishedRetention();

        /** Delivery reports still waiting for their SendAccepted after this long are deleted. */
        @WithDefault("P7D")
        Duration pendingReportRetention();

        @WithDefault("PT1H")
        Duration interval();
    }

    private final Pool pool;
    private final Vertx vertx;
    private final Config config;

    Housekeeping(Pool pool, Vertx vertx, Config config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    private volatile long timer = -1;

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> run().subscribe().with(
                deleted -> LOG.debugf("Housekeeping deleted %d row(s)", deleted),
                failure -> LOG.warnf("Housekeeping failed (retried in %s): %s", config.interval(),
                        LogSafe.failure(failure))));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One round: answers how many rows it deleted. */
    public Uni<Integer> run() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery(OLD_PUBLISHED).execute(Tuple.of(now.minus(config.publishedRetention())))
                .chain(published -> pool.preparedQuery(OLD_PENDING_REPORTS)
                        .execute(Tuple.of(now.minus(config.pendingReportRetention())))
                        .map(pending -> published.rowCount() + pending.rowCount()));
    }
}
