package io.smsconversations.notification.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smsconversations.events.LogSafe;
import io.smsconversations.notification.inbox.NotificationStore;
import io.smsconversations.notification.inbox.StoredNotification;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fan-out between replicas through PostgreSQL LISTEN/NOTIFY. A trigger on the {@code notification} table (Flyway
 * V2) announces every committed row on {@value #CHANNEL} as {@code "<id> <recipient>"}; every replica LISTENs, and
 * for a recipient with a stream open here loads the row by id and hands it to the {@link NotificationHub}. The
 * replica that stored the notification hears of it the same way, so there is one path and no duplicate. Rows are
 * loaded in batches of up to {@value #BATCH} (what arrived while the previous batch loaded), one batch at a time,
 * and handed on in announcement (commit) order.
 * <p>
 * A NOTIFY sent while this replica's listening connection is down is lost: when the connection comes back, every
 * open stream is closed, and its client resumes with Last-Event-ID from the database.
 */
@ApplicationScoped
public class ReplicaFanOut {

    static final String CHANNEL = "notification_created";
    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(ReplicaFanOut.class);

    private final NotificationHub hub;
    private final NotificationStore store;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    // ids announced and not loaded yet, in commit order; guarded by itself, like draining
    private final ArrayDeque<Announcement> queue = new ArrayDeque<>();
    private boolean draining;
    private volatile PgSubscriber subscriber;

    // the listening connection is this replica's own (LISTEN), opened with the datasource's settings
    private final String url;
    private final String user;
    private final String password;

    public ReplicaFanOut(NotificationHub hub, NotificationStore store,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.hub = hub;
        this.store = store;
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
                // reconnect for ever, every second: without it this replica's streams go silent
                .reconnectPolicy(retries -> 1000L);
        PgChannel channel = subscriber.channel(CHANNEL);
        channel.subscribeHandler(() -> {
            if (!listening.complete(null)) {
                LOG.warn("listening to notifications again after a lost connection: closing the live streams"
                        + " so that they resume from the database");
                hub.evictAll();
            } else {
                LOG.info("listening to notifications of all replicas");
            }
        });
        // not toMulti(): a paused PgChannel discards notifications, so take them all and queue them here
        channel.handler(this::announced);
        subscriber.connect()
                .onFailure().invoke(e -> LOG.warnf("cannot listen to notifications yet: %s", LogSafe.failure(e)))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf("cannot listen to notifications: %s", LogSafe.failure(failure)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        PgSubscriber s = subscriber;
        if (s != null) {
            s.closeAndForget();
        }
    }

    /** Completes once this replica hears of new notifications; a stream opened before would miss some. */
    public CompletionStage<Void> listening() {
        return listening;
    }

    private void announced(String announcement) {
        int space = announcement.indexOf(' ');
        long id;
        try {
            id = Long.parseLong(space < 0 ? announcement : announcement.substring(0, space));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring an announcement that is not '<id> <recipient>'");
            return;
        }
        if (space < 0) {
            LOG.warn("ignoring an announcement that is not '<id> <recipient>'");
            return;
        }
        String recipient = announcement.substring(space + 1);
        if (hub.openStreams(recipient) == 0) {
            return; // nobody here to tell: no need to read it
        }
        synchronized (queue) {
            queue.add(new Announcement(id, recipient));
            if (draining) {
                return; // the running drain takes it
            }
            draining = true;
        }
        drain();
    }

    /** Loads and hands on the next batch of queued ids, then the next, until the queue is empty. */
    private void drain() {
        List<Announcement> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < BATCH) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                draining = false;
                return;
            }
        }
        store.byIds(batch.stream().map(Announcement::id).toList()).subscribe().with(found -> {
            for (Announcement announcement : batch) {
                StoredNotification notification = found.get(announcement.id());
                if (notification != null) {
                    hub.publish(notification);
                }
            }
            drain();
        }, failure -> {
            // their streams would miss these: close them, their clients resume from the database
            LOG.warnf("could not load %d notification(s) for the live streams, closing their streams: %s",
                    batch.size(), LogSafe.failure(failure));
            batch.stream().map(Announcement::recipient).distinct().forEach(hub::evict);
            drain();
        });
    }

    private record Announcement(long id, String recipient) {
    }
}
