package io.smsconversations.conversation.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smsconversations.events.LogSafe;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Wakes the {@link OutboxRelay} the moment events are committed: a trigger on {@code outbox_event} (Flyway V30)
 * NOTIFYs {@value #CHANNEL} on commit of every transaction that appended, on whichever replica, and every replica
 * LISTENs here. Without it an event waited for the relay's next poll, up to {@code conversation.outbox.poll-interval}
 * (200 ms), on every message; the poll stays as the fallback for a NOTIFY missed while this listening connection was
 * down, and each (re)connection wakes the relay once to catch up.
 */
@ApplicationScoped
public class OutboxWake {

    static final String CHANNEL = "outbox_event_added";

    private static final Logger LOG = Logger.getLogger(OutboxWake.class);

    private final OutboxRelay relay;
    private final Counter wakes;
    // the listening connection is this replica's own (LISTEN), opened with the datasource's settings
    private final String url;
    private final String user;
    private final String password;
    private volatile PgSubscriber subscriber;

    OutboxWake(OutboxRelay relay, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        this.wakes = Counter.builder("conversation.outbox.wakes")
                .description("Committed outbox appends announced by PostgreSQL (each wakes the relay)")
                .register(registry);
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        String first = url.split(",")[0].strip();
        if (first.startsWith("vertx-reactive:")) {
            first = first.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(first).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // reconnect for ever, every second; meanwhile the relay polls as before
                .reconnectPolicy(retries -> 1000L);
        PgChannel channel = subscriber.channel(CHANNEL);
        // (re)subscribed: what was committed while not listening is picked up at once
        channel.subscribeHandler(relay::wake);
        channel.handler(ignored -> {
            wakes.increment();
            relay.wake();
        });
        subscriber.connect()
                .onFailure().invoke(e -> LOG.warnf("cannot listen for outbox events yet (the relay polls): %s",
                        LogSafe.failure(e)))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(ignored -> LOG.debug("listening for outbox events"),
                        failure -> LOG.errorf("cannot listen for outbox events (the relay polls): %s",
                                LogSafe.failure(failure)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        PgSubscriber s = subscriber;
        if (s != null) {
            s.closeAndForget();
        }
    }

    /** Notifications heard so far (for the tests). */
    double wakes() {
        return wakes.count();
    }
}
