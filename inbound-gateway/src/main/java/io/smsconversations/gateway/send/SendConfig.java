package io.smsconversations.gateway.send;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway calls the providers' send APIs ({@code gateway.send.*}). */
@ConfigMapping(prefix = "gateway.send")
public interface SendConfig {

    /** The longest one call to a provider may take (connect and answer); longer counts as an unknown outcome. */
    @WithDefault("5s")
    Duration requestTimeout();

    /**
     * Send requests taken from Kafka and not finished yet, all providers together. The consumer takes no further
     * record while this many are in flight, so memory and the records waiting for their commit stay bounded.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Calls one provider may have open at once (its lane). A provider that is slow or times out fills only its own
     * lane; the others keep sending.
     */
    @WithDefault("8")
    int providerConcurrency();

    /**
     * A record taken longer ago than this and still not finished turns the {@code sending} health group DOWN: the
     * watch that stands in for the commit strategy's unprocessed-record check, which is off (see README).
     */
    @WithDefault("5m")
    Duration maxPendingAge();

    /**
     * After the provider was called, how long recording its answer in the ledger and publishing the result are each
     * retried (database or Kafka unavailable) before the record is given up. Neither retry calls the provider again.
     */
    @WithDefault("2m")
    Duration outcomeRetryWindow();

    Retry retry();

    Lease lease();

    CircuitBreaker circuitBreaker();

    interface Retry {

        /** Calls per request in all, the first included: 1 means no retry. */
        @WithDefault("4")
        int maxAttempts();

        /** The wait before the first retry; it doubles with each further one, with jitter. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** No wait is longer, a provider's {@code Retry-After} included. */
        @WithDefault("8s")
        Duration maxDelay();
    }

    /** The ledger row's owner and lease: one replica at a time may call the provider for a request. */
    interface Lease {

        /**
         * How long a replica holds a request it is sending. Renewed before a call when less than one call (plus the
         * write of its answer) is left; another replica acts on the request only after the lease ended.
         */
        @WithDefault("30s")
        Duration duration();

        /** How often a replica that waits for another's live lease reads the row again. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /** Per provider: when most calls of late timed out or failed, stop calling it for a while. */
    interface CircuitBreaker {

        /** The rolling window: the last this many calls decide. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Open when at least this share of the window failed (timeout, no connection, 5xx). */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through. */
        @WithDefault("30s")
        Duration delay();
    }
}
