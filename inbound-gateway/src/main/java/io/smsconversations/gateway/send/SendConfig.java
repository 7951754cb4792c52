package io.smsconversations.gateway.send;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway calls the providers' send APIs ({@code gateway.send.*}). */
@ConfigMapping(prefix = "gateway.send")
public interface SendConfig {

    /** The longest one call to a provider may take (connect and answer); longer counts as a transient failure. */
    @WithDefault("5s")
    Duration requestTimeout();

    Retry retry();

    interface Retry {

        /** Calls per request in all, the first included: 1 means no retry. */
        @WithDefault("4")
        int maxAttempts();

        /** The wait before the first retry; it doubles with each further one, with jitter. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** No wait is longer, a provider's {@code Retry-After} included (the partition waits meanwhile). */
        @WithDefault("8s")
        Duration maxDelay();
    }
}
