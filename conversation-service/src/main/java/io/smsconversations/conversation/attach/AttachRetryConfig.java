package io.smsconversations.conversation.attach;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How often an attach record is retried when the database or the broker fails, before it is dead-lettered.
 * Poison records are never retried.
 */
@ConfigMapping(prefix = "conversation.attach.retry")
public interface AttachRetryConfig {

    @WithDefault("4")
    int maxRetries();

    @WithDefault("PT0.5S")
    Duration initialBackoff();

    @WithDefault("PT8S")
    Duration maxBackoff();
}
