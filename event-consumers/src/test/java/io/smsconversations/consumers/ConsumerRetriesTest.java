package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** The rule as the consumers live it, without Kafka or a database: what is retried, how often, and what is reported. */
class ConsumerRetriesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChannelOutages outages = new ChannelOutages(registry);
    private final ConsumerRetries retries = new ConsumerRetries(outages, config(Map.of(
            "sms.consumer.defaults.initial-backoff", "PT0.001S",
            "sms.consumer.defaults.max-backoff", "PT0.005S",
            "sms.consumer.defaults.outage-max-backoff", "PT0.005S",
            "sms.consumer.inbox.max-retries", "2")), registry);

    @Test
    void anOutageIsWaitedOutFarBeyondTheRetriesAndReportedMeanwhile() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger waitingSeen = new AtomicInteger();
        String done = retries.run("inbox", () -> Uni.createFrom().item(attempts.incrementAndGet()).map(n -> {
            if (n <= 50) {
                if (outages.isWaiting("inbox")) {
                    waitingSeen.incrementAndGet();
                }
                throw new WrappedFailure(new ConnectException("Connection refused"));
            }
            return "stored";
        })).await().atMost(Duration.ofSeconds(30));

        assertThat(done).isEqualTo("stored");
        assertThat(attempts).hasValue(51); // far more than max-retries=2
        assertThat(waitingSeen.get()).isGreaterThanOrEqualTo(49); // DOWN from the first failed attempt on
        assertThat(outages.isWaiting("inbox")).isFalse(); // and UP again once through
        assertThat(registry.get("sms.consumer.outage.waits").tag("channel", "inbox").tag("dependency", "network")
                .counter().count()).isEqualTo(50);
        assertThat(registry.get("sms.consumer.outage.duration").tag("channel", "inbox").timer().count()).isEqualTo(1);
    }

    @Test
    void aFaultIsRetriedTheConfiguredTimesThenFails() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> work = retries.run("inbox", () -> Uni.createFrom().failure(() -> {
            attempts.incrementAndGet();
            return new PgException("duplicate", "ERROR", "23505", null);
        }));

        assertThatThrownBy(() -> work.await().atMost(Duration.ofSeconds(10))).isInstanceOf(PgException.class);
        assertThat(attempts).hasValue(3); // the first attempt and max-retries=2
        assertThat(outages.isWaiting("inbox")).isFalse();
    }

    @Test
    void poisonIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> work = retries.run("other", () -> {
            attempts.incrementAndGet();
            throw new PoisonRecordException("payload is JSON null");
        });

        assertThatThrownBy(() -> work.await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PoisonRecordException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anOutageDuringFaultRetriesIsStillWaitedOut() {
        AtomicInteger attempts = new AtomicInteger();
        String done = retries.run("inbox", () -> Uni.createFrom().item(attempts.incrementAndGet()).map(n -> {
            if (n == 1 || n == 2) {
                throw new IllegalStateException("transient bug");
            }
            if (n < 20) {
                throw new PgException("the database system is shutting down", "FATAL", "57P01", null);
            }
            return "stored";
        })).await().atMost(Duration.ofSeconds(30));

        assertThat(done).isEqualTo("stored");
        assertThat(registry.get("sms.consumer.retries").tag("channel", "inbox").counter().count()).isEqualTo(2);
        assertThat(registry.get("sms.consumer.outage.waits").tag("dependency", "database").counter().count())
                .isEqualTo(17);
    }

    @Test
    void eachChannelHasItsOwnPolicyOverTheDefaults() {
        assertThat(retries.policy("inbox").maxRetries()).isEqualTo(2);
        assertThat(retries.policy("elsewhere").maxRetries()).isEqualTo(4);
        assertThat(retries.policy("elsewhere").outageMaxBackoff()).isEqualTo(Duration.ofMillis(5));
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    static final class WrappedFailure extends RuntimeException {
        WrappedFailure(Throwable cause) {
            super("could not connect", cause);
        }
    }
}
