package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Whether a send may go out now (issue 14 item 4), and if not, why and from when.
 *
 * @param allowed            it may go now
 * @param window             the organisation's window
 * @param zone               the recipient's zone that is outside the window (the first one, when the number may
 *                           be in several); null when allowed
 * @param recipientLocalTime the recipient's local time now in that zone; null when allowed
 * @param allowedFrom        the earliest time every zone the number may be in is inside the window; null when
 *                           allowed, or when the zones never share an hour of the window
 */
public record Verdict(boolean allowed, Window window, ZoneId zone, LocalDateTime recipientLocalTime,
        Instant allowedFrom) {

    static Verdict allow(Window window) {
        return new Verdict(true, window, null, null, null);
    }
}
