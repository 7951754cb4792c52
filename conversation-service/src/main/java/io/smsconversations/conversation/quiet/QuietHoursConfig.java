package io.smsconversations.conversation.quiet;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Quiet hours (issue 14 item 4), under {@code conversation.quiet-hours}. */
@ConfigMapping(prefix = "conversation.quiet-hours")
public interface QuietHoursConfig {

    /** Off: every send goes out at once, whatever the recipient's time. */
    @WithDefault("true")
    boolean enabled();

    /** The organisation's window until an admin sets one ({@code PUT /api/compliance/quiet-hours}). */
    @WithDefault("08:00-20:00")
    String window();

    /** A send this soon after the customer's latest message is a reply to it, allowed at any hour. */
    @WithDefault("PT1H")
    Duration replyGrace();

    /** The zone of a number libphonenumber cannot place. */
    @WithDefault("UTC")
    String fallbackZone();

    /** How often scheduled sends that are due are looked for. */
    @WithDefault("PT15S")
    Duration releaseInterval();

    /** Scheduled sends released per pass, at most. */
    @WithDefault("50")
    int releaseBatch();
}
