package io.smsconversations.conversation.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A conversation's messages as CSV, or as rows for the JSON export (issue 14 item 5), streamed: read in keyset pages of
 * {@value #PAGE} along {@code message_history} and written chunk by chunk, so a long thread never sits in memory
 * whole. The caller has checked that the conversation is visible.
 */
@ApplicationScoped
public class ConversationExport {

    static final int PAGE = 500;

    private static final String PAGE_SQL = """
            SELECT id, occurred_at, direction, from_number, to_number, body, sent_by, auto_reply, delivery_status,
                   failure_reason, provider_error_code, provider, provider_message_id, segments
              FROM message
             WHERE conversation_id = $1 AND (occurred_at, id) > ($2, $3)
             ORDER BY occurred_at, id LIMIT %d""".formatted(PAGE);

    private static final UUID FIRST = new UUID(0, 0);
    private static final OffsetDateTime BEGINNING = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private final Pool pool;
    private final ObjectWriter csvRow;
    private final String csvHeader;

    public ConversationExport(Pool pool) {
        this.pool = pool;
        CsvMapper csv = CsvMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        CsvSchema schema = csv.schemaFor(ExportRow.class);
        this.csvRow = csv.writer(schema.withoutHeader());
        this.csvHeader = String.join(",", schema.getColumnNames()) + "\n";
    }

    /** The header line, then one line per message (RFC 4180 quoting). */
    public Multi<String> csv(UUID conversationId) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(csvHeader),
                rows(conversationId).map(row -> write(csvRow, row)));
    }

    /** Every message, oldest first, page after page until a page is short. */
    public Multi<ExportRow> rows(UUID conversationId) {
        return Multi.createBy().repeating()
                .uni(() -> new Position(BEGINNING, FIRST, false), position -> page(conversationId, position))
                .whilst(page -> !page.isEmpty())
                .onItem().transformToIterable(page -> page);
    }

    private Uni<List<ExportRow>> page(UUID conversationId, Position position) {
        if (position.done) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(PAGE_SQL).execute(Tuple.of(conversationId, position.at, position.id))
                .map(rows -> {
                    List<ExportRow> page = new java.util.ArrayList<>();
                    Row last = null;
                    for (Row row : rows) {
                        page.add(row(row));
                        last = row;
                    }
                    if (last != null) {
                        position.at = last.getOffsetDateTime("occurred_at");
                        position.id = last.getUUID("id");
                    }
                    position.done = page.size() < PAGE;
                    return page;
                });
    }

    private static ExportRow row(Row row) {
        Instant at = row.getOffsetDateTime("occurred_at").toInstant();
        return new ExportRow(row.getUUID("id"), at, row.getString("direction"), row.getString("from_number"),
                row.getString("to_number"), row.getString("body"), row.getString("sent_by"),
                row.getString("auto_reply"), row.getString("delivery_status"), row.getString("failure_reason"),
                row.getString("provider_error_code"), row.getString("provider"), row.getString("provider_message_id"),
                row.getInteger("segments"));
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an export row", e);
        }
    }

    /** Where the next page starts (the last row of the previous one). */
    private static final class Position {
        OffsetDateTime at;
        UUID id;
        boolean done;

        Position(OffsetDateTime at, UUID id, boolean done) {
            this.at = at;
            this.id = id;
            this.done = done;
        }
    }
}
