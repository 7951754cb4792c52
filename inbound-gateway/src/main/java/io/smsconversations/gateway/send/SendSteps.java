package io.smsconversations.gateway.send;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.Availability;
import io.smsconversations.consumers.ConsumerRetries;
import io.smsconversations.events.LogSafe;

/**
 * The database and Kafka steps of a send, each retried on its own and by name, so a failure of one step never
 * repeats another: after the provider was called, recording its answer or publishing the result is retried without
 * calling the provider again. Every failed try is counted ({@code gateway.send.step.failures{step}}); the failure is logged
 * by class and SQLSTATE, never by its message.
 */
@ApplicationScoped
public class SendSteps {

    public static final String CLAIM = "claim";
    public static final String TAKE_OVER = "take-over";
    public static final String READ = "read";
    public static final String RENEW_LEASE = "renew-lease";
    public static final String RECORD_OUTCOME = "record-outcome";
    public static final String PUBLISH_RESULT = "publish-result";

    private static final Logger LOG = Logger.getLogger(SendSteps.class);

    private final SendConfig config;
    private final SendMetrics metrics;
    private final ConsumerRetries consumerRetries;

    @Inject
    public SendSteps(SendConfig config, SendMetrics metrics, ConsumerRetries consumerRetries) {
        this.config = config;
        this.metrics = metrics;
        this.consumerRetries = consumerRetries;
    }

    /**
     * A step before the provider is called (or one that calls nothing): retried with the provider backoff, at most
     * {@code retry.max-attempts} times in all; then the failure is the caller's, and nothing was sent.
     */
    public <T> Uni<T> beforeCall(String step, String requestId, Supplier<Uni<T>> operation) {
        SendConfig.Retry retry = config.retry();
        return watched(step, requestId, operation).onFailure().retry()
                .withBackOff(retry.initialDelay(), retry.maxDelay()).withJitter(0.5)
                .atMost(Math.max(0, retry.maxAttempts() - 1))
                .onFailure().invoke(failure -> gaveUp(step, requestId, failure));
    }

    /**
     * A step after the provider was called: an outage of the database or the broker is waited out for as long as it
     * lasts (event-consumers' rule, reported on the {@code send-requests} channel), and any other failure is retried
     * with capped backoff for {@code outcome-retry-window}: the answer is never lost and the provider never called
     * again because a step after it failed.
     */
    public <T> Uni<T> afterCall(String step, String requestId, Supplier<Uni<T>> operation) {
        SendConfig.Retry retry = config.retry();
        return consumerRetries.runThroughOutages(SendRequestConsumer.CHANNEL, () -> watched(step, requestId, operation)
                .onFailure(failure -> !Availability.isOutage(failure)).retry()
                .withBackOff(retry.initialDelay(), retry.maxDelay()).withJitter(0.5)
                .expireIn(config.outcomeRetryWindow().toMillis()))
                .onFailure().invoke(failure -> gaveUp(step, requestId, failure));
    }

    private <T> Uni<T> watched(String step, String requestId, Supplier<Uni<T>> operation) {
        AtomicInteger failures = new AtomicInteger();
        return Uni.createFrom().deferred(operation::get).onFailure().invoke(failure -> {
            metrics.stepFailure(step);
            if (failures.incrementAndGet() == 1) {
                LOG.warnf("Send %s: step %s failed (%s); retrying", requestId, step, LogSafe.failure(failure));
            } else {
                LOG.debugf("Send %s: step %s failed again (%s)", requestId, step, LogSafe.failure(failure));
            }
        });
    }

    private static void gaveUp(String step, String requestId, Throwable failure) {
        LOG.errorf("Send %s: step %s gave up (%s)", requestId, step, LogSafe.failure(failure));
    }
}
