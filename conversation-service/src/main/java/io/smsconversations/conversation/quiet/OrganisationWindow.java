package io.smsconversations.conversation.quiet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The organisation's quiet-hours window (table {@code quiet_hours_window}, V21): the one an admin set, else the
 * configured default. The suite serves one organisation, so the table holds at most the row {@code default}.
 */
@ApplicationScoped
public class OrganisationWindow {

    static final String ORGANISATION = "default";

    private static final String READ = """
            SELECT start_minute, end_minute, updated_at, updated_by FROM quiet_hours_window WHERE organisation = $1""";

    private static final String WRITE = """
            INSERT INTO quiet_hours_window (organisation, start_minute, end_minute, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (organisation) DO UPDATE SET start_minute = EXCLUDED.start_minute,
                end_minute = EXCLUDED.end_minute, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""";

    private static final String RESET = "DELETE FROM quiet_hours_window WHERE organisation = $1";

    /**
     * @param source    {@code ORGANISATION} (an admin set it) or {@code DEFAULT} (configuration)
     * @param updatedAt when an admin set it; null for the default
     */
    public record Setting(Window window, String source, Instant updatedAt, String updatedBy) {
    }

    private final Pool pool;
    private final Window configured;

    public OrganisationWindow(Pool pool, QuietHoursConfig config) {
        this.pool = pool;
        try {
            this.configured = Window.parse(config.window());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conversation.quiet-hours.window: " + e.getMessage(), e);
        }
    }

    public Uni<Setting> current() {
        return pool.preparedQuery(READ).execute(Tuple.of(ORGANISATION))
                .map(rows -> rows.size() == 0
                        ? new Setting(configured, "DEFAULT", null, null)
                        : setting(rows.iterator().next()));
    }

    public Uni<Setting> set(Window window, String adminId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery(WRITE)
                .execute(Tuple.of(ORGANISATION, window.startMinute(), window.endMinute(), now, adminId))
                .chain(this::current);
    }

    public Uni<Setting> reset() {
        return pool.preparedQuery(RESET).execute(Tuple.of(ORGANISATION)).chain(this::current);
    }

    private static Setting setting(Row row) {
        return new Setting(new Window(row.getInteger("start_minute"), row.getInteger("end_minute")), "ORGANISATION",
                row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
    }
}
