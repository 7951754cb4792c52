package io.smsconversations.notification.inbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import io.smsconversations.events.RecordType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

/** Stores notifications and reads a seller's inbox. */
@ApplicationScoped
public class NotificationStore {

    /*
     * JPA cannot say "insert unless it is there" atomically; PostgreSQL can. Only a row that was really inserted
     * comes back, so a redelivered event produces nothing to push live.
     */
    private static final String INSERT = """
            INSERT INTO notification
                (recipient_id, kind, title, text, conversation_id, record_id, record_type, source_event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (source_event_id, recipient_id, kind) DO NOTHING
            RETURNING id, created_at
            """;

    private static final String COLUMNS = """
            id, recipient_id, kind, title, text, conversation_id, record_id, record_type, created_at, read_at""";

    private final Pool pool;
    private final MeterRegistry registry;
    private final Map<NotificationKind, Counter> created = new ConcurrentHashMap<>();

    public NotificationStore(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /**
     * Inserts every notification that does not exist yet, in one transaction, and returns those inserted once the
     * transaction has committed.
     */
    public Uni<List<StoredNotification>> insertNew(List<NewNotification> notifications) {
        if (notifications.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.withTransaction(connection -> Multi.createFrom().iterable(notifications)
                .onItem().transformToUniAndConcatenate(n -> insertOne(connection, n))
                .filter(stored -> stored != null)
                .collect().asList())
                .invoke(stored -> stored.forEach(s -> counter(s.view().kind()).increment()));
    }

    private Uni<StoredNotification> insertOne(SqlConnection connection, NewNotification n) {
        NotificationLink link = n.link();
        Tuple values = Tuple.tuple(List.of(n.recipientId(), n.kind().name(), n.title(), n.text()))
                .addValue(link.conversationId())
                .addValue(link.recordId())
                .addValue(link.recordType() == null ? null : link.recordType().name())
                .addValue(n.sourceEventId());
        return connection.preparedQuery(INSERT).execute(values).map(rows -> stored(rows, n));
    }

    private static StoredNotification stored(RowSet<Row> rows, NewNotification n) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null; // already there: this event was seen before
        }
        Row row = iterator.next();
        return new StoredNotification(n.recipientId(), new NotificationView(row.getLong("id"), n.kind(), n.title(),
                n.text(), n.link(), row.getOffsetDateTime("created_at").toInstant(), null));
    }

    /**
     * The newest {@code limit} notifications of {@code recipientId}, older than the notification {@code before}
     * when it is given. Needs a Hibernate Reactive session.
     */
    public Uni<NotificationPage> page(String recipientId, int limit, Long before) {
        Uni<List<Notification>> rows;
        if (before == null) {
            rows = Notification.<Notification> find(
                    "recipientId = :recipient order by createdAt desc, id desc",
                    Parameters.with("recipient", recipientId))
                    .range(0, limit - 1).list();
        } else {
            rows = Notification.<Notification> find("id = :id and recipientId = :recipient",
                    Parameters.with("id", before).and("recipient", recipientId))
                    .firstResult()
                    .onItem().ifNull().failWith(() -> new BadRequestException(
                            "before: " + before + " is not the id of one of your notifications"))
                    .flatMap(cursor -> Notification.<Notification> find(
                            "recipientId = :recipient and (createdAt < :createdAt"
                                    + " or (createdAt = :createdAt and id < :id)) order by createdAt desc, id desc",
                            Parameters.with("recipient", recipientId).and("createdAt", cursor.createdAt)
                                    .and("id", cursor.id))
                            .range(0, limit - 1).list());
        }
        return rows.map(list -> new NotificationPage(list.stream().map(Notification::view).toList(),
                list.size() == limit ? list.get(list.size() - 1).id : null));
    }

    /**
     * A page of {@code recipientId}'s notifications, the unread ones first (each group newest first), after the
     * notification {@code before} in that order when it is given. The cursor is placed by the cursor notification's
     * current read state.
     */
    public Uni<NotificationPage> unreadFirstPage(String recipientId, int limit, Long before) {
        String order = " ORDER BY (read_at IS NULL) DESC, created_at DESC, id DESC LIMIT ";
        Uni<RowSet<Row>> rows;
        if (before == null) {
            rows = pool.preparedQuery("SELECT " + COLUMNS + " FROM notification WHERE recipient_id = $1" + order + "$2")
                    .execute(Tuple.of(recipientId, limit));
        } else {
            rows = pool.preparedQuery("SELECT read_at IS NULL AS unread, created_at FROM notification"
                    + " WHERE id = $1 AND recipient_id = $2")
                    .execute(Tuple.of(before, recipientId))
                    .map(cursor -> {
                        var it = cursor.iterator();
                        if (!it.hasNext()) {
                            throw new BadRequestException("before: " + before + " is not the id of one of your"
                                    + " notifications");
                        }
                        return it.next();
                    })
                    .flatMap(cursor -> pool.preparedQuery("SELECT " + COLUMNS + " FROM notification"
                            + " WHERE recipient_id = $1 AND (read_at IS NULL, created_at, id) < ($3, $4, $5)"
                            + order + "$2")
                            .execute(Tuple.of(recipientId, limit, cursor.getBoolean("unread"),
                                    cursor.getOffsetDateTime("created_at"), before)));
        }
        return rows.map(NotificationStore::views)
                .map(list -> new NotificationPage(list,
                        list.size() == limit ? list.get(list.size() - 1).id() : null));
    }

    /** How many of {@code recipientId}'s notifications are unread. */
    public Uni<Long> unreadCount(String recipientId) {
        return pool.preparedQuery("SELECT count(*) FROM notification WHERE recipient_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(recipientId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Marks one of {@code recipientId}'s notifications read (keeping the first read time when it already is) and
     * returns it; 404 when there is no such notification of that recipient, so no one learns another's ids.
     */
    public Uni<NotificationView> markRead(String recipientId, long id) {
        return pool.preparedQuery("UPDATE notification SET read_at = coalesce(read_at, now())"
                + " WHERE id = $1 AND recipient_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, recipientId))
                .map(rows -> views(rows).stream().findFirst()
                        .orElseThrow(() -> new NotFoundException("You have no notification " + id)));
    }

    /** Marks every unread notification of {@code recipientId} read; returns how many were unread. */
    public Uni<Integer> markAllRead(String recipientId) {
        return pool.preparedQuery("UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(recipientId))
                .map(RowSet::rowCount);
    }

    /**
     * {@code recipientId}'s notifications with an id greater than {@code afterId}, lowest id first, at most
     * {@code limit}: what a stream resuming with Last-Event-ID missed.
     */
    public Uni<List<NotificationView>> after(String recipientId, long afterId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM notification WHERE recipient_id = $1 AND id > $2"
                + " ORDER BY id LIMIT $3")
                .execute(Tuple.of(recipientId, afterId, limit))
                .map(NotificationStore::views);
    }

    /** The notifications with these ids, with whom each is for, by id; ids that do not exist are left out. */
    public Uni<Map<Long, StoredNotification>> byIds(List<Long> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM notification WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, StoredNotification> found = new java.util.HashMap<>();
                    rows.forEach(row -> found.put(row.getLong("id"),
                            new StoredNotification(row.getString("recipient_id"), view(row))));
                    return found;
                });
    }

    private static List<NotificationView> views(RowSet<Row> rows) {
        List<NotificationView> views = new java.util.ArrayList<>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    private static NotificationView view(Row row) {
        String recordType = row.getString("record_type");
        var readAt = row.getOffsetDateTime("read_at");
        return new NotificationView(row.getLong("id"), NotificationKind.valueOf(row.getString("kind")),
                row.getString("title"), row.getString("text"),
                new NotificationLink(row.getString("conversation_id"), row.getString("record_id"),
                        recordType == null ? null : RecordType.valueOf(recordType)),
                row.getOffsetDateTime("created_at").toInstant(), readAt == null ? null : readAt.toInstant());
    }

    private Counter counter(NotificationKind kind) {
        return created.computeIfAbsent(kind, k -> Counter.builder("notifications.created")
                .description("Notifications stored, by kind (redeliveries not counted)")
                .tag("kind", k.name())
                .register(registry));
    }
}
