package io.smsconversations.routing.messaging;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Consumers retry what may pass on a second try (the database or the broker briefly away) a few times with backoff
 * before dead-lettering; poison records are never retried.
 * <p>
 * Hibernate Reactive must run on the Vert.x context the message arrived on, while Mutiny's backoff and the Kafka
 * producer's acknowledgements complete on other threads: {@link #onCurrentContext()} brings work back there.
 */
public final class Retries {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_OUTAGE_BACKOFF = Duration.ofSeconds(30);

    private Retries() {
    }

    /** Runs {@code work}, and runs it again on a failure other than a poison message, up to {@code retries} times. */
    public static <T> Uni<T> retrying(Supplier<Uni<T>> work, int retries) {
        Uni<T> attempt = Uni.createFrom().<T> deferred(work::get).runSubscriptionOn(onCurrentContext());
        if (retries <= 0) {
            return attempt;
        }
        return attempt.onFailure(failure -> !(failure instanceof PoisonMessageException))
                .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(retries);
    }

    /**
     * Like {@link #retrying(Supplier, int)}, except that a failure of the broker ({@link KafkaOutage#isBrokerFailure})
     * is retried for as long as it lasts (backoff up to {@link #MAX_OUTAGE_BACKOFF}) instead of counting against
     * {@code retries}: the record stays unacknowledged, the partition waits, {@code outage} reports the channel, and
     * nothing is dead-lettered because the broker was away.
     */
    public static <T> Uni<T> retryingThroughOutages(Supplier<Uni<T>> work, int retries, KafkaOutage outage,
            String channel) {
        Uni<T> waitingForBroker = Uni.createFrom().<T> deferred(work::get).runSubscriptionOn(onCurrentContext())
                .onFailure(KafkaOutage::isBrokerFailure).invoke(failure -> outage.waiting(channel))
                .onFailure(KafkaOutage::isBrokerFailure).retry().withBackOff(FIRST_BACKOFF, MAX_OUTAGE_BACKOFF)
                .indefinitely();
        Uni<T> bounded = retries <= 0 ? waitingForBroker
                : waitingForBroker.onFailure(failure -> !(failure instanceof PoisonMessageException))
                        .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(retries);
        return bounded.eventually(() -> outage.recovered(channel));
    }

    /** An executor that runs tasks on the caller's Vert.x context (or in place when there is none, as in unit tests). */
    public static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
