package io.smsconversations.gateway.send;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * Runs send requests concurrently while one key's requests (the conversation: customer and business number) run one
 * after another, in the order they were taken. At most {@code max-in-flight} requests are taken and unfinished at a
 * time: beyond that, {@link #admit} does not complete, so the consumer takes no further record (backpressure) and the
 * records waiting for their commit stay bounded. Requests finish in any order; the throttled commit strategy commits
 * only each partition's finished prefix.
 *
 * <p>smallrye's own key ordering ({@code throttled.ordered=key}) needs {@code @Blocking} worker threads; this keeps
 * the consumer on Mutiny, without a thread per waiting record.
 */
@ApplicationScoped
public class SendLanes {

    private final int maxInFlight;
    private final Object lock = new Object();
    private final Deque<Runnable> waitingForRoom = new ArrayDeque<>();
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();
    private final Map<Long, Long> takenAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private int inFlight;
    private boolean draining;
    private CompletableFuture<Void> drained;

    @Inject
    public SendLanes(SendConfig config) {
        this(config.maxInFlight());
    }

    public SendLanes(int maxInFlight) {
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    /**
     * Completes once the work is admitted (there is room), with the stage of its result; the work itself starts when
     * the key's earlier work finished. While draining for shutdown, admission never completes: the record is left
     * unacknowledged for the replica that takes the partition over.
     */
    public <T> Uni<CompletionStage<T>> admit(String key, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(admission -> {
            long ticket = tickets.incrementAndGet();
            Runnable start = () -> admission.complete(chain(key, ticket, work));
            synchronized (lock) {
                if (draining) {
                    return;
                }
                takenAtNanos.put(ticket, System.nanoTime());
                if (inFlight >= maxInFlight) {
                    waitingForRoom.add(start);
                    return;
                }
                inFlight++;
            }
            start.run();
        });
    }

    /** Requests taken and not finished (waiting for their key, their provider's lane, or in a call). */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** How long ago the oldest unfinished request was taken; zero when none is. */
    public Duration oldestAge() {
        long now = System.nanoTime();
        return takenAtNanos.values().stream().min(Long::compare).map(at -> Duration.ofNanos(now - at))
                .orElse(Duration.ZERO);
    }

    public boolean isDraining() {
        synchronized (lock) {
            return draining;
        }
    }

    /**
     * Takes no further request and waits up to {@code timeout} for the admitted ones to finish: true when they all
     * did. Blocks the calling thread (the shutdown thread, never an event loop).
     */
    public boolean drain(Duration timeout) {
        CompletableFuture<Void> done;
        synchronized (lock) {
            draining = true;
            waitingForRoom.clear();
            if (inFlight == 0) {
                return true;
            }
            drained = new CompletableFuture<>();
            done = drained;
        }
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException notInTime) {
            return false;
        } catch (ExecutionException impossible) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <T> CompletionStage<T> chain(String key, long ticket, Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (lock) {
            previous = lastOfKey.put(key, mine);
        }
        Runnable run = () -> Uni.createFrom().deferred(work::get).subscribe().with(
                item -> finish(key, ticket, mine, () -> result.complete(item)),
                failure -> finish(key, ticket, mine, () -> result.completeExceptionally(failure)));
        if (previous == null) {
            run.run();
        } else {
            previous.whenComplete((ignored, alsoIgnored) -> run.run());
        }
        return result;
    }

    private void finish(String key, long ticket, CompletableFuture<Void> mine, Runnable complete) {
        Runnable next = null;
        CompletableFuture<Void> nowDrained = null;
        synchronized (lock) {
            lastOfKey.remove(key, mine);
            takenAtNanos.remove(ticket);
            if (!draining && !waitingForRoom.isEmpty()) {
                next = waitingForRoom.poll();
            } else {
                inFlight--;
                if (draining && inFlight == 0) {
                    nowDrained = drained;
                }
            }
        }
        complete.run();
        mine.complete(null);
        if (nowDrained != null) {
            nowDrained.complete(null);
        }
        if (next != null) {
            next.run();
        }
    }
}
