package io.smsconversations.gateway.send;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: before retry n (n = 1 after the first call), wait between half and all of
 * {@code initialDelay * 2^(n-1)}, never more than {@code maxDelay}. A provider's {@code Retry-After} raises the wait
 * to what it asked, within the same bound. Jitter spreads the retries of many requests that failed together.
 */
public record Backoff(Duration initialDelay, Duration maxDelay, RandomGenerator random) {

    public static Backoff of(SendConfig.Retry config) {
        return new Backoff(config.initialDelay(), config.maxDelay(), RandomGenerator.getDefault());
    }

    public Duration before(int retry, Duration retryAfter) {
        long max = maxDelay.toMillis();
        long ceiling = Math.min(max, initialDelay.toMillis() << Math.min(30, Math.max(0, retry - 1)));
        long half = ceiling / 2;
        long wait = half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1));
        if (retryAfter != null) {
            wait = Math.max(wait, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(max, wait));
    }
}
