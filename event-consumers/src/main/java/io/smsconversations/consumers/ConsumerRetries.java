package io.smsconversations.consumers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.LogSafe;
import io.smsconversations.consumers.Availability.Dependency;
import io.smsconversations.consumers.Availability.Kind;

/**
 * Runs a consumer's work under the rule of {@link Availability}: an outage is retried for as long as it lasts
 * (backoff capped at the channel's {@code outage-max-backoff}, the channel reported by {@link ChannelOutages}),
 * a poison record fails at once, and any other failure is retried {@code max-retries} times before it fails.
 * <p>
 * Call it on the record's Vert.x context (in the {@code @Incoming} method, or in a step of one): every attempt,
 * also one that resumes after a backoff timer on another thread, runs there.
 */
@ApplicationScoped
public class ConsumerRetries {

    private static final Logger LOG = Logger.getLogger(ConsumerRetries.class);

    private final ChannelOutages outages;
    private final Config config;
    private final MeterRegistry registry;
    private final Map<String, RetryPolicy> policies = new ConcurrentHashMap<>();

    public ConsumerRetries(ChannelOutages outages, Config config, MeterRegistry registry) {
        this.outages = outages;
        this.config = config;
        this.registry = registry;
    }

    public RetryPolicy policy(String channel) {
        return policies.computeIfAbsent(channel, name -> RetryPolicy.of(config, name));
    }

    /** {@code work}, subscribed now and again after each failure the rule retries. */
    public <T> Uni<T> run(String channel, Supplier<Uni<T>> work) {
        RetryPolicy policy = policy(channel);
        Uni<T> throughOutages = runThroughOutages(channel, work);
        if (policy.maxRetries() == 0) {
            return throughOutages;
        }
        return throughOutages
                .onFailure(ConsumerRetries::isFault).invoke(failure -> retrying(channel, failure))
                .onFailure(ConsumerRetries::isFault).retry()
                .withBackOff(policy.initialBackoff(), policy.maxBackoff()).atMost(policy.maxRetries());
    }

    /**
     * {@code work}, retried only through outages (for as long as they last, reported on {@code channel}); any other
     * failure is the caller's at once. For a step that keeps its own retries of other failures.
     */
    public <T> Uni<T> runThroughOutages(String channel, Supplier<Uni<T>> work) {
        RetryPolicy policy = policy(channel);
        Executor here = CallerContext.executor();
        ChannelOutages.Wait wait = outages.begin(channel);
        return Uni.createFrom().<T> deferred(() -> work.get()).runSubscriptionOn(here)
                .onFailure(Availability::isOutage).invoke(failure -> wait.failed(dependency(failure)))
                .onFailure(Availability::isOutage).retry()
                .withBackOff(policy.initialBackoff(), policy.outageMaxBackoff()).indefinitely()
                .onTermination().invoke(wait::ended);
    }

    private void retrying(String channel, Throwable failure) {
        Counter.builder("sms.consumer.retries")
                .description("Attempts that failed for a reason other than an outage or the record's content")
                .tag("channel", channel).register(registry).increment();
        LOG.debugf("%s: attempt failed (%s), retrying", channel, LogSafe.failure(failure));
    }

    private static boolean isFault(Throwable failure) {
        return Availability.kindOf(failure) == Kind.FAULT;
    }

    private static Dependency dependency(Throwable failure) {
        return Availability.dependencyAway(failure).orElse(Dependency.NETWORK);
    }
}
