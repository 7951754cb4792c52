package io.smsconversations.notification.inbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.reactive.mutiny.Mutiny;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.RecordType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

/**
 * Stores notifications and reads a seller's inbox, as docs/conventions.md's persistence policy says: a notification
 * is this service's own aggregate, so it is written through the session ({@link Notification}, and one native
 * statement JPA cannot say, joining the transaction); the inbox's reads are read-only projections on the pool, each
 * row mapped by {@link #view(Row)}.
 */
@ApplicationScoped
public class NotificationStore {

    /*
     * JPA cannot say "insert unless it is there" atomically; PostgreSQL can. Only a row that was really inserted
     * comes back, so a redelivered event produces nothing to push live.
     */
    private static final String INSERT = """
            INSERT INTO notification
                (recipient_id, kind, title, text, conversation_id, record_id, record_type, source_event_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (source_event_id, recipient_id, kind) DO NOTHING
            RETURNING id
            """;

    private static final String COLUMNS = """
            id, recipient_id, kind, title, text, conversation_id, record_id, record_type, created_at, read_at""";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM notification ";

    private static final String NOT_YOURS = " is not the id of one of your notifications";

    private final Pool pool;
    private final MeterRegistry registry;
    private final Map<NotificationKind, Counter> created = new ConcurrentHashMap<>();

    public NotificationStore(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    // --- writes: the session

    /**
     * Inserts every notification that does not exist yet, in one transaction, and returns those inserted once the
     * transaction has committed.
     */
    public Uni<List<StoredNotification>> insertNew(List<NewNotification> notifications) {
        if (notifications.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> Multi.createFrom()
                .iterable(notifications)
                .onItem().transformToUniAndConcatenate(n -> insertOne(session, n))
                .filter(Objects::nonNull)
                .collect().asList()))
                .invoke(stored -> stored.forEach(s -> counter(s.view().kind()).increment()));
    }

    private static Uni<StoredNotification> insertOne(Mutiny.Session session, NewNotification n) {
        NotificationLink link = n.link();
        return session.createNativeQuery(INSERT, Object.class)
                .setParameter(1, n.recipientId())
                .setParameter(2, n.kind().name())
                .setParameter(3, n.title())
                .setParameter(4, n.text())
                .setParameter(5, link.conversationId())
                .setParameter(6, link.recordId())
                .setParameter(7, link.recordType() == null ? null : link.recordType().name())
                .setParameter(8, n.sourceEventId())
                .getSingleResultOrNull()
                // null: already there, this event was seen before; else the row as stored (its id, created_at)
                .chain(id -> id == null ? Uni.createFrom().nullItem() : session.find(Notification.class, ((Number) id).longValue())
                        .map(row -> new StoredNotification(row.recipientId, row.view())));
    }

    /**
     * Marks one of {@code recipientId}'s notifications read (keeping the first read time when it already is) and
     * returns it; 404 when there is no such notification of that recipient, so no one learns another's ids.
     */
    public Uni<NotificationView> markRead(String recipientId, long id) {
        return Panache.withTransaction(() -> Notification.<Notification> find("id = ?1 and recipientId = ?2", id,
                recipientId).firstResult()
                .map(found -> {
                    if (found == null) {
                        throw new NotFoundException("You have no notification " + id);
                    }
                    if (found.readAt == null) {
                        found.readAt = now();
                    }
                    return found.view();
                }));
    }

    /** Marks every unread notification of {@code recipientId} read; returns how many were unread. */
    public Uni<Integer> markAllRead(String recipientId) {
        return Panache.withTransaction(() -> Notification.update(
                "readAt = ?1 where recipientId = ?2 and readAt is null", now(), recipientId));
    }

    /** Now, at the precision PostgreSQL keeps, so that what is answered equals what is stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    // --- reads: projections on the pool

    /**
     * A page of {@code recipientId}'s inbox as {@code query} asks: newest first, or the unread ones first (each group
     * newest first); after the notification {@code query.before()} in that order when it is given. With unread
     * first, the cursor is placed by the cursor notification's current read state.
     */
    public Uni<NotificationPage> page(String recipientId, InboxQuery query) {
        boolean unreadFirst = query.unreadFirst();
        String order = (unreadFirst ? " ORDER BY (read_at IS NULL) DESC," : " ORDER BY")
                + " created_at DESC, id DESC LIMIT $2";
        Tuple first = Tuple.of(recipientId, query.limit());
        Uni<RowSet<Row>> rows = query.before() == null
                ? pool.preparedQuery(SELECT + "WHERE recipient_id = $1" + order).execute(first)
                : cursor(recipientId, query.before()).flatMap(cursor -> {
                    // the rows after the cursor in the page's order: a keyset comparison on the order's columns
                    String keyset = unreadFirst ? "(read_at IS NULL, created_at, id) < ($3, $4, $5)"
                            : "(created_at, id) < ($3, $4)";
                    Tuple after = Tuple.of(recipientId, query.limit());
                    if (unreadFirst) {
                        after.addValue(cursor.getBoolean("unread"));
                    }
                    after.addValue(cursor.getOffsetDateTime("created_at")).addValue(query.before());
                    return pool.preparedQuery(SELECT + "WHERE recipient_id = $1 AND " + keyset + order).execute(after);
                });
        return rows.map(found -> {
            List<NotificationView> views = views(found);
            return new NotificationPage(views, views.size() == query.limit() ? views.get(views.size() - 1).id() : null);
        });
    }

    /** Where a page after {@code before} starts; a 400 when it is not one of the recipient's notifications. */
    private Uni<Row> cursor(String recipientId, long before) {
        return pool.preparedQuery("SELECT read_at IS NULL AS unread, created_at FROM notification"
                + " WHERE id = $1 AND recipient_id = $2")
                .execute(Tuple.of(before, recipientId))
                .map(cursor -> {
                    var it = cursor.iterator();
                    if (!it.hasNext()) {
                        throw new BadRequestException("before: " + before + NOT_YOURS);
                    }
                    return it.next();
                });
    }

    /** How many of {@code recipientId}'s notifications are unread. */
    public Uni<Long> unreadCount(String recipientId) {
        return pool.preparedQuery("SELECT count(*) FROM notification WHERE recipient_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(recipientId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * {@code recipientId}'s notifications with an id greater than {@code afterId}, lowest id first, at most
     * {@code limit}: what a stream resuming with Last-Event-ID missed.
     */
    public Uni<List<NotificationView>> after(String recipientId, long afterId, int limit) {
        return pool.preparedQuery(SELECT + "WHERE recipient_id = $1 AND id > $2 ORDER BY id LIMIT $3")
                .execute(Tuple.of(recipientId, afterId, limit))
                .map(NotificationStore::views);
    }

    /** The notifications with these ids, with whom each is for, by id; ids that do not exist are left out. */
    public Uni<Map<Long, StoredNotification>> byIds(List<Long> ids) {
        return pool.preparedQuery(SELECT + "WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, StoredNotification> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getLong("id"),
                            new StoredNotification(row.getString("recipient_id"), view(row))));
                    return found;
                });
    }

    private static List<NotificationView> views(RowSet<Row> rows) {
        List<NotificationView> views = new ArrayList<>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    /** The one row mapper: a row of {@link #COLUMNS} as the inbox shows it. */
    static NotificationView view(Row row) {
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
