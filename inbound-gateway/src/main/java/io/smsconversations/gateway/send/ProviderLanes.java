package io.smsconversations.gateway.send;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Every call to a provider goes through that provider's lane (SmallRye Fault Tolerance): a bulkhead of
 * {@code gateway.send.provider-concurrency} open calls, whose queue waits without a thread, and a circuit breaker
 * that stops calling a provider most of whose recent calls timed out or failed. A slow or dead provider so holds up
 * only its own sends: the others' lanes stay free, and an open breaker makes its own sends fail fast (and be retried
 * later) instead of each waiting for a timeout.
 */
@ApplicationScoped
public class ProviderLanes {

    private static final Logger LOG = Logger.getLogger(ProviderLanes.class);
    private static final TypeLiteral<Uni<SendAttempt>> ATTEMPT = new TypeLiteral<>() {
    };
    private static final TypeLiteral<Uni<SendLookup>> LOOKUP = new TypeLiteral<>() {
    };

    private final SendConfig config;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    @Inject
    public ProviderLanes(SendConfig config) {
        this.config = config;
    }

    /** One send call in the provider's lane; never fails (an open breaker or a full lane is transient). */
    public Uni<SendAttempt> send(ProviderSender sender, OutboundSend send) {
        Lane lane = lane(sender.provider());
        return lane.call(() -> sender.send(send).flatMap(attempt -> countsAgainst(attempt)
                ? Uni.createFrom().failure(new ProviderTrouble(attempt))
                : Uni.createFrom().item(attempt)), ATTEMPT)
                .onFailure(ProviderTrouble.class).recoverWithItem(trouble -> (SendAttempt) ((ProviderTrouble) trouble).answer)
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(() -> SendAttempt.Transient.throttled(null,
                        "not called: " + sender.provider() + "'s circuit breaker is open", null))
                .onFailure(BulkheadException.class).recoverWithItem(() -> SendAttempt.Transient.throttled(null,
                        "not called: " + sender.provider() + "'s lane is full", null));
    }

    /** One lookup in the provider's lane; never fails. */
    public Uni<SendLookup> lookUp(ProviderSender sender, OutboundSend send) {
        Lane lane = lane(sender.provider());
        return lane.call(() -> sender.lookUp(send).flatMap(lookup -> lookup instanceof SendLookup.Unanswered u
                && u.retryable() ? Uni.createFrom().failure(new ProviderTrouble(lookup))
                        : Uni.createFrom().item(lookup)), LOOKUP)
                .onFailure(ProviderTrouble.class).recoverWithItem(trouble -> (SendLookup) ((ProviderTrouble) trouble).answer)
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(() -> new SendLookup.Unanswered(
                        "not asked: " + sender.provider() + "'s circuit breaker is open", true))
                .onFailure(BulkheadException.class).recoverWithItem(() -> new SendLookup.Unanswered(
                        "not asked: " + sender.provider() + "'s lane is full", true));
    }

    /** Each provider's breaker state, for the {@code sending} health group. */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new TreeMap<>();
        lanes.forEach((provider, lane) -> states.put(provider, lane.state.name()));
        return states;
    }

    /** A timeout, a lost connection or the provider's own failure: what says "this provider is in trouble". */
    private static boolean countsAgainst(SendAttempt attempt) {
        return attempt instanceof SendAttempt.Unknown
                || attempt instanceof SendAttempt.Transient trouble && trouble.providerTrouble();
    }

    private Lane lane(String provider) {
        return lanes.computeIfAbsent(provider, Lane::new);
    }

    private final class Lane {

        private final Guard guard;
        private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

        Lane(String provider) {
            SendConfig.CircuitBreaker breaker = config.circuitBreaker();
            this.guard = Guard.create()
                    .withDescription("send lane of " + provider)
                    .withBulkhead().limit(Math.max(1, config.providerConcurrency()))
                    .queueSize(Math.max(1, config.maxInFlight())).done()
                    .withCircuitBreaker().requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio()).delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1).failOn(ProviderTrouble.class)
                    .onStateChange(next -> {
                        state = next;
                        LOG.warnf("The circuit breaker of %s is now %s", provider, next);
                    }).done()
                    .withThreadOffload(false)
                    .build();
        }

        <T> Uni<T> call(Supplier<Uni<T>> call, TypeLiteral<Uni<T>> type) {
            return Uni.createFrom().<T>deferred(() -> guard.get(call, type));
        }
    }

    /** Carries an answer that counts as a failure of the provider through the breaker, and back out. */
    private static final class ProviderTrouble extends RuntimeException {

        private final transient Object answer;

        ProviderTrouble(Object answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
