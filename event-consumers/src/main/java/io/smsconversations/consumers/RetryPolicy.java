package io.smsconversations.consumers;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * How a channel retries, from {@code sms.consumer.<channel>.*}, falling back to {@code sms.consumer.defaults.*}, then
 * to the values below:
 * <ul>
 * <li>{@code max-retries} (4): further attempts for a failure that is neither poison nor an outage, before the
 * record is dead-lettered;</li>
 * <li>{@code initial-backoff} (PT0.2S), {@code max-backoff} (PT5S): the exponential backoff between those;</li>
 * <li>{@code outage-max-backoff} (PT30S): the cap of the backoff while an outage is waited out (for as long as it
 * lasts).</li>
 * </ul>
 * Environment: {@code SMS_CONSUMER_<CHANNEL>_MAX_RETRIES} and so on (dashes become underscores).
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration outageMaxBackoff) {

    public static final String PREFIX = "sms.consumer.";

    static final RetryPolicy BUILT_IN = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max-retries must not be negative");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || outageMaxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be positive and no cap below initial-backoff");
        }
    }

    public static RetryPolicy of(Config config, String channel) {
        RetryPolicy defaults = read(config, "defaults", BUILT_IN);
        return read(config, channel, defaults);
    }

    private static RetryPolicy read(Config config, String scope, RetryPolicy fallback) {
        String prefix = PREFIX + scope + ".";
        return new RetryPolicy(
                config.getOptionalValue(prefix + "max-retries", Integer.class).orElse(fallback.maxRetries),
                config.getOptionalValue(prefix + "initial-backoff", Duration.class).orElse(fallback.initialBackoff),
                config.getOptionalValue(prefix + "max-backoff", Duration.class).orElse(fallback.maxBackoff),
                config.getOptionalValue(prefix + "outage-max-backoff", Duration.class)
                        .orElse(fallback.outageMaxBackoff));
    }
}
