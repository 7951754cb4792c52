package io.smsconversations.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(8);

    @Test
    void doublesWithJitterBetweenHalfAndAllOfTheStep() {
        Backoff lowest = new Backoff(INITIAL, MAX, fixed(0));
        Backoff highest = new Backoff(INITIAL, MAX, fixed(Long.MAX_VALUE));
        assertThat(lowest.before(1, null)).isEqualTo(Duration.ofMillis(250));
        assertThat(highest.before(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(lowest.before(2, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.before(2, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(highest.before(3, null)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void neverWaitsLongerThanTheMaximumEvenForManyRetries() {
        Backoff highest = new Backoff(INITIAL, MAX, fixed(Long.MAX_VALUE));
        assertThat(highest.before(10, null)).isEqualTo(MAX);
        assertThat(highest.before(100, null)).isEqualTo(MAX);
        assertThat(new Backoff(INITIAL, MAX, fixed(0)).before(100, null)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void honoursRetryAfterWithinTheMaximum() {
        Backoff lowest = new Backoff(INITIAL, MAX, fixed(0));
        assertThat(lowest.before(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(lowest.before(1, Duration.ofSeconds(60))).isEqualTo(MAX);
        assertThat(lowest.before(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    }

    /** Always the smallest (0) or the largest value of the bound asked for. */
    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value == 0 ? 0 : bound - 1;
            }
        };
    }
}
