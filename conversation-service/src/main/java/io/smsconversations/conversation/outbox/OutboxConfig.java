package io.smsconversations.conversation.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay polls. */
@ConfigMapping(prefix = "conversation.outbox")
public interface OutboxConfig {

    /** Pause between two passes that found nothing (a full batch is followed at once by the next pass). */
    @WithDefault("PT0.2S")
    Duration pollInterval();

    /** Rows published per pass. */
    @WithDefault("200")
    int batchSize();

    /** false stops the relay (events stay pending); for operations, e.g. while a broker is replaced. */
    @WithDefault("true")
    boolean enabled();
}
