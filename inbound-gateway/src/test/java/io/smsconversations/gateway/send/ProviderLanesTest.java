package io.smsconversations.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayTestResource;

/**
 * The providers' lanes on instances of their own (the application's breakers are kept shut in tests): a provider
 * whose calls keep timing out is no longer called once its breaker opens, and a provider whose calls hang fills only
 * its own lane.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ProviderLanesTest {

    @Inject
    SendConfig config;

    @Test
    void aProviderThatKeepsTimingOutIsNotCalledOnceItsBreakerOpens() {
        ProviderLanes lanes = new ProviderLanes(new Tuned(config, 4, 1));
        FakeSender timingOut = new FakeSender("timing-out",
                () -> Uni.createFrom().item(new SendAttempt.Unknown(null, "no answer in time")));
        OutboundSend send = new OutboundSend(Sends.request("twilio"), Instant.now(), 1);

        for (int i = 0; i < 4; i++) {
            assertThat(lanes.send(timingOut, send).await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOf(SendAttempt.Unknown.class);
        }
        SendAttempt fifth = lanes.send(timingOut, send).await().atMost(Duration.ofSeconds(10));
        SendLookup lookup = lanes.lookUp(timingOut, send).await().atMost(Duration.ofSeconds(10));

        assertThat(timingOut.calls.get()).isEqualTo(4);
        assertThat(fifth).isEqualTo(SendAttempt.Transient.throttled(null,
                "not called: timing-out's circuit breaker is open", null));
        assertThat(lookup).isEqualTo(new SendLookup.Unanswered("not asked: timing-out's circuit breaker is open",
                true));
        assertThat(lanes.breakerStates()).containsEntry("timing-out", "OPEN");
    }

    @Test
    void aProviderWhoseCallsHangFillsOnlyItsOwnLane() throws Exception {
        ProviderLanes lanes = new ProviderLanes(new Tuned(config, 1000, 1));
        CompletableFuture<SendAttempt> answer = new CompletableFuture<>();
        FakeSender hanging = new FakeSender("hanging", () -> Uni.createFrom().completionStage(answer));
        FakeSender quick = new FakeSender("quick", () -> Uni.createFrom().item(new SendAttempt.Accepted("id")));
        SendRequested request = Sends.request("twilio");
        OutboundSend send = new OutboundSend(request, Instant.now(), 1);

        CompletableFuture<SendAttempt> first = lanes.send(hanging, send).subscribeAsCompletionStage();
        CompletableFuture<SendAttempt> queued = lanes.send(hanging, send).subscribeAsCompletionStage();
        SendAttempt other = lanes.send(quick, send).await().atMost(Duration.ofSeconds(10));

        assertThat(other).isEqualTo(new SendAttempt.Accepted("id"));
        assertThat(hanging.calls.get()).as("one open call per lane; the second waits, without a thread").isEqualTo(1);
        assertThat(first).isNotDone();
        answer.complete(new SendAttempt.Accepted("late"));
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new SendAttempt.Accepted("late"));
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(new SendAttempt.Accepted("late"));
        assertThat(hanging.calls.get()).isEqualTo(2);
    }

    private static final class FakeSender implements ProviderSender {

        final AtomicInteger calls = new AtomicInteger();
        private final String name;
        private final Supplier<Uni<SendAttempt>> answer;

        FakeSender(String name, Supplier<Uni<SendAttempt>> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String provider() {
            return name;
        }

        @Override
        public Uni<SendAttempt> send(OutboundSend send) {
            calls.incrementAndGet();
            return answer.get();
        }
    }

    /** The application's settings with a small breaker window and lane. */
    private record Tuned(SendConfig base, int window, int concurrency) implements SendConfig {

        @Override
        public Duration requestTimeout() {
            return base.requestTimeout();
        }

        @Override
        public int maxInFlight() {
            return base.maxInFlight();
        }

        @Override
        public int providerConcurrency() {
            return concurrency;
        }

        @Override
        public Duration maxPendingAge() {
            return base.maxPendingAge();
        }

        @Override
        public Duration outcomeRetryWindow() {
            return base.outcomeRetryWindow();
        }

        @Override
        public Retry retry() {
            return base.retry();
        }

        @Override
        public Lease lease() {
            return base.lease();
        }

        @Override
        public CircuitBreaker circuitBreaker() {
            return new CircuitBreaker() {
                @Override
                public int requestVolumeThreshold() {
                    return window;
                }

                @Override
                public double failureRatio() {
                    return 0.5;
                }

                @Override
                public Duration delay() {
                    return Duration.ofMinutes(5);
                }
            };
        }
    }
}
