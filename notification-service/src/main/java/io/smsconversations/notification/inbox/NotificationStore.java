package io.smsconversations.notification.inbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

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

    private Counter counter(NotificationKind kind) {
        return created.computeIfAbsent(kind, k -> Counter.builder("notifications.created")
                .description("Notifications stored, by kind (redeliveries not counted)")
                .tag("kind", k.name())
                .register(registry));
    }
}
