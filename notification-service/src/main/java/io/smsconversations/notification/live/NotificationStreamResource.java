package io.smsconversations.notification.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.netty.channel.ChannelOption;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smsconversations.notification.access.Caller;
import io.smsconversations.notification.inbox.NotificationStore;
import io.smsconversations.notification.inbox.NotificationView;
import io.smsconversations.restproblems.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The live stream of the calling seller's new notifications, as Server-Sent Events: each event's id is the
 * notification id and its data the notification as JSON. The stream opens with a {@code :connected} comment, sent
 * once the stream is registered, so a client knows from when on it misses nothing. A client that reconnects with
 * {@code Last-Event-ID} first gets what it missed, from the database, then the live ones, each exactly once. A
 * {@code :heartbeat} comment every {@code notification.stream.heartbeat} keeps idle connections open.
 * <p>
 * A stream lives no longer than the token it was opened with: at the token's expiry it sends {@code :token-expired}
 * and ends, and the app reconnects with a new token and {@code Last-Event-ID} (nothing is missed). A seller holds at
 * most {@code notification.stream.max-per-seller} streams on a replica ({@link StreamSlots}); one more is a 429.
 */
@Path("/api/notifications/stream")
@Authenticated
@Tag(name = "Notifications")
@APIResponse(responseCode = "403", description = "Not Allowed")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme")
public class NotificationStreamResource implements NotificationStreamApi {

    static final String CONNECTED = "connected";
    static final String HEARTBEAT = "heartbeat";
    static final String TOKEN_EXPIRED = "token-expired";

    private static final Logger LOG = Logger.getLogger(NotificationStreamResource.class);

    private final Caller caller;
    private final NotificationHub hub;
    private final ReplicaFanOut fanOut;
    private final NotificationStore store;
    private final StreamSlots slots;
    private final Vertx vertx;
    private final int bufferSize;
    private final Duration heartbeatInterval;
    private final int replayBatch;

    NotificationStreamResource(Caller caller, NotificationHub hub, ReplicaFanOut fanOut, NotificationStore store,
            StreamSlots slots, Vertx vertx,
            @ConfigProperty(name = "notification.stream.buffer-size", defaultValue = "256") int bufferSize,
            @ConfigProperty(name = "notification.stream.heartbeat", defaultValue = "15s") Duration heartbeatInterval,
            @ConfigProperty(name = "notification.stream.replay-batch", defaultValue = "100") int replayBatch) {
        this.caller = caller;
        this.hub = hub;
        this.fanOut = fanOut;
        this.store = store;
        this.slots = slots;
        this.vertx = vertx;
        this.bufferSize = bufferSize;
        this.heartbeatInterval = heartbeatInterval;
        this.replayBatch = replayBatch;
    }

    @Override
    public Multi<OutboundSseEvent> stream(Sse sse, HttpServerRequest request, String lastEventId) {
        String sellerId = caller.sellerId();
        Long resumeAfter = lastEventId(lastEventId);
        long expiresAtMillis = caller.tokenExpiresAtMillis();
        StreamSlots.Slot slot = slots.acquire(sellerId).orElseThrow(this::tooManyStreams);
        return Uni.createFrom().completionStage(fanOut::listening)
                .ifNoItem().after(Duration.ofSeconds(10))
                .failWith(() -> new ServiceUnavailableException("live notifications are not available yet"))
                .onItem().transformToMulti(listening -> {
                    LiveStream stream = new LiveStream(sse, resumeAfter, bufferSize,
                            waiting -> tooSlow(sellerId, waiting, request));
                    // The emitter's own buffer is only a backstop, one larger than the bound: its overflow failure
                    // would wait behind the buffered events, which a client that does not read never takes.
                    return Multi.createFrom().<OutboundSseEvent> emitter(
                            emitter -> open(stream, emitter, sellerId, expiresAtMillis), bufferSize + 1)
                            // the SSE writer asks for the next event only once the previous one is written out
                            .onRequest().invoke(stream::requested);
                })
                // however the stream ends (the client went, the token expired, too slow, not listening yet)
                .onTermination().invoke(slot::close);
    }

    private HttpProblem tooManyStreams() {
        return Problem.of(Response.Status.TOO_MANY_REQUESTS)
                .detail("You already have " + slots.maxPerSeller() + " live notification streams open, the most"
                        + " one seller may: close one (another tab or device) before opening another")
                .header(HttpHeaders.RETRY_AFTER, "30")
                .build();
    }

    private void open(LiveStream stream, MultiEmitter<? super OutboundSseEvent> emitter, String sellerId,
            long expiresAtMillis) {
        stream.attach(emitter);
        // registered before the replay query runs: what commits meanwhile is buffered, not lost
        NotificationHub.Registration registration = hub.register(sellerId, stream::live, emitter::complete);
        long heartbeat = vertx.setPeriodic(heartbeatInterval.toMillis(), timer -> stream.heartbeat());
        long expiry = expiresAtMillis <= 0 ? -1
                : vertx.setTimer(Math.max(1, expiresAtMillis - System.currentTimeMillis()), timer -> {
                    hub.closedAtTokenExpiry();
                    stream.tokenExpired();
                });
        emitter.onTermination(() -> {
            registration.close();
            vertx.cancelTimer(heartbeat);
            if (expiry >= 0) {
                vertx.cancelTimer(expiry);
            }
        });
        stream.connected();
        if (!stream.resuming) {
            stream.replayed(List.of(), false);
            return;
        }
        // at most one batch that surely fits the buffer; with more missed, the stream ends after the batch and the
        // client resumes from its last id
        int batch = Math.max(1, Math.min(replayBatch, bufferSize - 2));
        store.after(sellerId, stream.resumeAfter, batch + 1).subscribe().with(
                missed -> stream.replayed(missed.size() > batch ? missed.subList(0, batch) : missed,
                        missed.size() > batch),
                emitter::fail);
    }

    /**
     * Closes the connection of a stream whose client does not read: the events waiting for it are dropped, and the
     * client, once it reconnects with Last-Event-ID, gets them from the database. Closing it cancels the stream
     * (hub registration, heartbeats).
     */
    private void tooSlow(String sellerId, long waiting, HttpServerRequest request) {
        hub.closedAsTooSlow();
        LOG.warnf("closing a live stream of seller %s: %d events wait for a client that does not read", sellerId,
                waiting);
        abort(request);
    }

    /**
     * Closes the connection now. Not {@code response.close()}, {@code reset()} nor {@code channel().close()}: on
     * HTTP/1.x Vert.x closes a connection only after an empty write has been flushed, which a client that does not
     * read never allows, so the connection (and its buffers) would stay. So the close starts below Vert.x's handler
     * in the Netty pipeline, with SO_LINGER 0: a TCP reset that also frees what the kernel holds for the socket.
     * HTTP/2 resets only this stream (other streams share the connection).
     */
    static void abort(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2 && request.connection() instanceof ConnectionBase connection) {
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            // from Vert.x's own handler down: a close through the whole pipeline would reach Vert.x, which waits
            connection.channelHandlerContext().close();
        } else {
            request.response().reset();
        }
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("Last-Event-ID must be the id of a notification event, not '" + header + "'");
    }

    /**
     * One connection's state. Until the replay is sent, live notifications wait in {@code pending}; then those
     * the replay did not contain follow. A lock keeps replay and live events from interleaving.
     * <p>
     * The bound: the SSE writer requests one event, writes it, and requests the next only when the write has
     * completed (the bytes are in the socket). So {@code emitted - requested} events wait in this process for the
     * client; once that reaches {@code bound}, the stream is given up ({@code onTooSlow}) and emits nothing more.
     */
    private static final class LiveStream {
        private final Sse sse;
        private final long resumeAfter;
        private final boolean resuming;
        private final int bound;
        private final LongConsumer onTooSlow;
        private final Set<Long> replayed = new HashSet<>();
        private final AtomicLong requested = new AtomicLong();
        private long emitted;
        private boolean givenUp;
        private MultiEmitter<? super OutboundSseEvent> emitter;
        private List<NotificationView> pending = new ArrayList<>();

        LiveStream(Sse sse, Long resumeAfter, int bound, LongConsumer onTooSlow) {
            this.sse = sse;
            this.resumeAfter = resumeAfter == null ? 0 : resumeAfter;
            this.resuming = resumeAfter != null;
            this.bound = bound;
            this.onTooSlow = onTooSlow;
        }

        synchronized void attach(MultiEmitter<? super OutboundSseEvent> emitter) {
            this.emitter = emitter;
        }

        void requested(long n) {
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b); // never overflow
        }

        synchronized void connected() {
            emit(sse.newEventBuilder().comment(CONNECTED).build());
        }

        synchronized void heartbeat() {
            emit(sse.newEventBuilder().comment(HEARTBEAT).build());
        }

        /** The token the stream was opened with is no longer valid: say so and end; the client reconnects. */
        synchronized void tokenExpired() {
            emit(sse.newEventBuilder().comment(TOKEN_EXPIRED).build());
            emitter.complete();
        }

        synchronized void live(NotificationView notification) {
            if (pending != null) {
                pending.add(notification);
            } else {
                send(notification);
            }
        }

        synchronized void replayed(List<NotificationView> missed, boolean more) {
            missed.forEach(notification -> {
                replayed.add(notification.id());
                emit(event(sse, notification));
            });
            List<NotificationView> waiting = pending;
            pending = null;
            if (more) {
                emitter.complete(); // the rest in the next replay: live ones meanwhile are in the database too
                return;
            }
            waiting.forEach(this::send);
        }

        private void send(NotificationView notification) {
            // already in the replay, or older than what the client says it has seen
            if (notification.id() <= resumeAfter || replayed.contains(notification.id())) {
                return;
            }
            emit(event(sse, notification));
        }

        private void emit(OutboundSseEvent event) {
            if (givenUp) {
                return;
            }
            long waiting = ++emitted - requested.get();
            if (waiting > bound) {
                givenUp = true;
                onTooSlow.accept(waiting - 1);
                return;
            }
            emitter.emit(event);
        }
    }

    private static OutboundSseEvent event(Sse sse, NotificationView notification) {
        return sse.newEventBuilder()
                .id(Long.toString(notification.id()))
                // no mediaType here: set on the event, Quarkus would also write it as a "content-type:" field;
                // the data is JSON through @RestStreamElementType
                .data(NotificationView.class, notification)
                .build();
    }
}
