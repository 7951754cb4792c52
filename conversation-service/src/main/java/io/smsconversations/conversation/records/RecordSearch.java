package io.smsconversations.conversation.records;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.template.RecordVisibility;
import io.smsconversations.events.RecordType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records found by a part of their name, for "move to another record": only records the caller may see (the rule
 * templates fill from: owned by the caller or a team of theirs, or holding a conversation they see), an admin any.
 * The name match is a substring match (ILIKE), so it reads the directory projection sequentially: fine for the
 * directory sizes the suite serves (100 000 records in tens of milliseconds), a trigram index would be the next step.
 */
@ApplicationScoped
public class RecordSearch {

    private static final String SEARCH = """
            SELECT r.id, r.type, r.name FROM directory_record r
            WHERE r.name ILIKE $1 ESCAPE '\\' AND """ + RecordVisibility.VISIBLE_RECORD + """

            ORDER BY r.name, r.id
            LIMIT $4""";

    @Schema(description = "A record found by name")
    public record Match(String id, RecordType type, String name) {
    }

    @Schema(description = "Records whose name contains the text, by name")
    public record Matches(List<Match> items) {
    }

    private final Pool pool;

    public RecordSearch(Pool pool) {
        this.pool = pool;
    }

    public Uni<Matches> byName(Caller caller, String text, int limit) {
        return pool.preparedQuery(SEARCH)
                .execute(Tuple.of("%" + escapeLike(text) + "%", caller.sellerId(), caller.admin(), limit))
                .map(rows -> {
                    List<Match> items = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        items.add(new Match(row.getString("id"), RecordType.valueOf(row.getString("type")),
                                row.getString("name")));
                    }
                    return new Matches(items);
                });
    }

    /** The seller's text is matched literally: %, _ and the escape character lose their LIKE meaning. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
