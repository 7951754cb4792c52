package io.smsconversations.notification.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsconversations.notification.inbox.NotificationView;
import io.smsconversations.notification.inbox.StoredNotification;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The open live streams of this process, by seller. A seller may have several (one per tab or device); each gets
 * every notification of that seller and nothing of anyone else.
 * <p>
 * Fed by {@link ReplicaFanOut}, which hears of every committed notification, whichever replica stored it.
 */
@ApplicationScoped
public class NotificationHub {

    private static final Logger LOG = Logger.getLogger(NotificationHub.class);

    private final ConcurrentMap<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter pushed;
    private final Counter tooSlow;
    private final Counter expired;

    public NotificationHub(MeterRegistry registry) {
        Gauge.builder("notification.streams.open", open, AtomicInteger::get)
                .description("Live notification streams open on this replica")
                .register(registry);
        pushed = Counter.builder("notifications.pushed")
                .description("Notifications handed to a live stream on this replica (one per stream)")
                .register(registry);
        tooSlow = Counter.builder("notification.streams.closed.slow")
                .description("Live streams closed on this replica because their client did not read"
                        + " (more than notification.stream.buffer-size events waiting)")
                .register(registry);
        expired = Counter.builder("notification.streams.closed.expired")
                .description("Live streams ended on this replica because the token they were opened with expired")
                .register(registry);
    }

    /** Counts a stream ended because its token expired. */
    public void closedAtTokenExpiry() {
        expired.increment();
    }

    /** Counts a stream closed because its client does not read. */
    public void closedAsTooSlow() {
        tooSlow.increment();
    }

    /** A registration of one stream; {@link #close()} is idempotent. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Registers a listener for {@code sellerId}'s new notifications. The listener is called on the thread that
     * publishes, so it must not block (emitting into a Mutiny emitter is fine).
     */
    public Registration register(String sellerId, Consumer<NotificationView> onNotification) {
        return register(sellerId, onNotification, () -> {
        });
    }

    /**
     * As {@link #register(String, Consumer)}; {@code onEvict} is called when the hub can no longer promise the
     * stream every notification (see {@link #evictAll()}): the stream should close so its client resumes.
     */
    public Registration register(String sellerId, Consumer<NotificationView> onNotification, Runnable onEvict) {
        Listener listener = new Listener(onNotification, onEvict);
        listeners.computeIfAbsent(sellerId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        open.incrementAndGet();
        return () -> {
            if (listener.closed.compareAndSet(false, true)) {
                listeners.computeIfPresent(sellerId, (id, set) -> {
                    set.remove(listener);
                    return set.isEmpty() ? null : set;
                });
                open.decrementAndGet();
            }
        };
    }

    /** Pushes a stored notification to every open stream of its recipient. Call only after the commit. */
    public void publish(StoredNotification notification) {
        Set<Listener> streams = listeners.get(notification.recipientId());
        if (streams == null) {
            return;
        }
        for (Listener listener : streams) {
            try {
                listener.onNotification.accept(notification.view());
                pushed.increment();
            } catch (RuntimeException e) {
                // one broken stream must not keep the others (or the consumer) from going on
                LOG.warnf(e, "could not push notification %d to a live stream", notification.view().id());
            }
        }
    }

    /**
     * Tells every open stream that notifications may have been missed (the fan-out was interrupted): each closes,
     * and its client reconnects with Last-Event-ID and gets the missed ones from the database.
     */
    public void evictAll() {
        listeners.values().forEach(streams -> streams.forEach(listener -> {
            try {
                listener.onEvict.run();
            } catch (RuntimeException e) {
                LOG.warn("could not close a live stream", e);
            }
        }));
    }

    /** As {@link #evictAll()}, for the streams of one seller. */
    public void evict(String sellerId) {
        Set<Listener> streams = listeners.get(sellerId);
        if (streams != null) {
            streams.forEach(listener -> listener.onEvict.run());
        }
    }

    /** Open streams of one seller on this replica. */
    public int openStreams(String sellerId) {
        Set<Listener> streams = listeners.get(sellerId);
        return streams == null ? 0 : streams.size();
    }

    private static final class Listener {
        final Consumer<NotificationView> onNotification;
        final Runnable onEvict;
        final AtomicBoolean closed = new AtomicBoolean();

        Listener(Consumer<NotificationView> onNotification, Runnable onEvict) {
            this.onNotification = onNotification;
            this.onEvict = onEvict;
        }
    }
}
