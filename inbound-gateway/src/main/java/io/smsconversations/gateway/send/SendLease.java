package io.smsconversations.gateway.send;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * This replica's hold on one request while it sends it. Before each provider call it makes sure enough of the lease
 * is left for the call and the write of its answer, renewing it when not; a lease that cannot be renewed because
 * another replica took the request over means: do not call.
 */
public final class SendLease {

    /** Beyond one call: time for the answer to reach the ledger. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private final String requestId;
    private final SendOwner owner;
    private final SendLedger ledger;
    private final SendSteps steps;
    private final Duration duration;
    private final Duration needed;
    private volatile long expiresAtNanos;

    SendLease(String requestId, SendOwner owner, Duration left, SendLedger ledger, SendSteps steps,
            SendConfig config) {
        this.requestId = requestId;
        this.owner = owner;
        this.ledger = ledger;
        this.steps = steps;
        this.duration = config.lease().duration();
        this.needed = config.requestTimeout().plus(MARGIN);
        this.expiresAtNanos = System.nanoTime() + left.toNanos();
    }

    /** The lease must outlast one call and the write of its answer, or a live owner could look dead to the others. */
    static void check(SendConfig config) {
        Duration needed = config.requestTimeout().plus(MARGIN);
        if (config.lease().duration().compareTo(needed.multipliedBy(2)) < 0) {
            throw new IllegalStateException("gateway.send.lease.duration (" + config.lease().duration()
                    + ") must be at least twice gateway.send.request-timeout + " + MARGIN.toSeconds() + " s ("
                    + needed.multipliedBy(2) + ")");
        }
    }

    /** Completes when the lease covers the next call; fails with {@link LostException} when it is not ours. */
    public Uni<Void> coverNextCall() {
        if (expiresAtNanos - System.nanoTime() >= needed.toNanos()) {
            return Uni.createFrom().voidItem();
        }
        return steps.beforeCall(SendSteps.RENEW_LEASE, requestId, () -> ledger.renew(requestId, owner.id(), duration))
                .flatMap(left -> {
                    if (left.isEmpty()) {
                        return Uni.createFrom().failure(new LostException(requestId));
                    }
                    expiresAtNanos = System.nanoTime() + left.get().toNanos();
                    return Uni.createFrom().voidItem();
                });
    }

    /** The request is held by another replica now (or completed): this one must not call the provider for it. */
    public static final class LostException extends RuntimeException {

        LostException(String requestId) {
            super("the lease of send " + requestId + " is held by another replica");
        }
    }
}
