package io.smsconversations.gateway.media;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gateway's table of media items ({@code inbound_media}), on the reactive pool: each write is one statement of its
 * own (no aggregate, no session), and a repeated webhook inserts nothing ({@code ON CONFLICT DO NOTHING}).
 */
@ApplicationScoped
public class MediaStore {

    private static final String INSERT = """
            INSERT INTO inbound_media (media_id, provider, provider_message_id, media_index, provider_url,
                                       content_type, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING""";

    private static final String FIND = """
            SELECT provider, provider_message_id, media_index, provider_url, content_type
            FROM inbound_media WHERE media_id = $1""";

    private final Pool client;

    MediaStore(Pool client) {
        this.client = client;
    }

    /** Keeps every item of one message, all in one batch; completes once PostgreSQL has them. */
    public Uni<Void> keep(List<ProviderMedia> media, Instant receivedAt) {
        if (media.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = media.stream().map(item -> Tuple.tuple()
                .addValue(item.id()).addValue(item.provider()).addValue(item.providerMessageId())
                .addValue((short) item.index()).addValue(item.url()).addValue(item.contentType())
                .addValue(receivedAt.atOffset(ZoneOffset.UTC))).toList();
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Optional<ProviderMedia>> find(UUID mediaId) {
        return client.preparedQuery(FIND).execute(Tuple.of(mediaId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toMedia(rows.iterator().next())));
    }

    private static ProviderMedia toMedia(Row row) {
        return new ProviderMedia(row.getString("provider"), row.getString("provider_message_id"),
                row.getShort("media_index"), row.getString("provider_url"), row.getString("content_type"));
    }
}
