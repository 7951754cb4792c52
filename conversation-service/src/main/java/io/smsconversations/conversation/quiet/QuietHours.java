package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The quiet-hours rule (issue 14 item 4): a seller's send may go out when the customer wrote within the reply grace
 * (answering someone who just texted is never out of hours), or when the recipient's local time is inside the
 * organisation's window in every zone the number may be in.
 */
@ApplicationScoped
public class QuietHours {

    // One backward step of message_inbound_history (conversation_id, occurred_at, id) WHERE direction = INBOUND.
    private static final String LATEST_INBOUND = """
            SELECT occurred_at FROM message WHERE conversation_id = $1 AND direction = 'INBOUND'
             ORDER BY occurred_at DESC, id DESC LIMIT 1""";

    private final QuietHoursConfig config;
    private final OrganisationWindow windows;
    private final Pool pool;
    private final ZoneId fallback;

    public QuietHours(QuietHoursConfig config, OrganisationWindow windows, Pool pool) {
        this.config = config;
        this.windows = windows;
        this.pool = pool;
        this.fallback = ZoneId.of(config.fallbackZone());
    }

    /** The verdict for a send to {@code customerNumber} in the conversation, at {@code now}. */
    public Uni<Verdict> check(UUID conversationId, String customerNumber, Instant now) {
        if (!config.enabled()) {
            return windows.current().map(setting -> Verdict.allow(setting.window()));
        }
        return pool.preparedQuery(LATEST_INBOUND).execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("occurred_at"))
                .chain(latest -> windows.current().map(setting -> isReply(latest, now)
                        ? Verdict.allow(setting.window())
                        : verdict(setting.window(), RecipientZones.of(customerNumber, fallback), now)));
    }

    private boolean isReply(OffsetDateTime latestInbound, Instant now) {
        return latestInbound != null && !latestInbound.toInstant().isBefore(now.minus(config.replyGrace()));
    }

    /** Pure: the verdict of {@code window} for a number in {@code zones} at {@code now}. */
    static Verdict verdict(Window window, List<ZoneId> zones, Instant now) {
        ZoneId outside = zones.stream().filter(zone -> !inside(window, zone, now)).findFirst().orElse(null);
        if (outside == null) {
            return Verdict.allow(window);
        }
        return new Verdict(false, window, outside, now.atZone(outside).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES),
                allowedFrom(window, zones, now));
    }

    /**
     * The earliest time at or after {@code now} inside the window in every zone: each zone still outside pushes the
     * candidate to its next opening, until none is (a few rounds; zones that never share an hour of the window
     * give null).
     */
    static Instant allowedFrom(Window window, List<ZoneId> zones, Instant now) {
        Instant candidate = now;
        for (int round = 0; round < 2 * zones.size() + 2; round++) {
            Instant at = candidate;
            List<ZoneId> outside = zones.stream().filter(zone -> !inside(window, zone, at)).toList();
            if (outside.isEmpty()) {
                return candidate;
            }
            for (ZoneId zone : outside) {
                ZonedDateTime opening = window.nextOpening(candidate.atZone(zone));
                if (opening.toInstant().isAfter(candidate)) {
                    candidate = opening.toInstant();
                }
            }
        }
        return null;
    }

    private static boolean inside(Window window, ZoneId zone, Instant at) {
        return window.contains(at.atZone(zone).toLocalTime());
    }

    /** UTC, as every time the API answers. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
