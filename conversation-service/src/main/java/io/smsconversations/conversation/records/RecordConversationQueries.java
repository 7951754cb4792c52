package io.smsconversations.conversation.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Visibility;
import io.smsconversations.conversation.records.RecordConversations.Conversation;
import io.smsconversations.conversation.records.RecordConversations.NumberConversations;
import io.smsconversations.conversation.records.RecordConversations.OwnerView;
import io.smsconversations.conversation.records.RecordConversations.RecordSummary;
import io.smsconversations.conversation.records.RecordConversations.RelatedOpportunity;
import io.smsconversations.conversation.records.RecordConversations.Relation;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.conversation.thread.MessagePreview;
import io.smsconversations.conversation.unread.ReadMarks;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.RecordType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A record's conversations as the caller may see them (SPEC §5 "From a record"). Four statements on one connection,
 * each an index lookup: the record (primary key), its phones ({@code directory_record_phone}'s primary key), a
 * contact's opportunities that the caller may see ({@code directory_record_by_customer},
 * {@code directory_record_related_contact_by_contact}, then {@link Visibility#record})
 * and the conversations of the record and those opportunities ({@code conversation_identity}, led by
 * {@code record_id}), each with the conversation visibility check, the caller's unread count and its last message.
 * Not paged: a record has one conversation per customer number and business number.
 */
@ApplicationScoped
public class RecordConversationQueries {

    private static final String RECORD = """
            SELECT r.id, r.type, r.name, r.owner_seller_id, s.name AS seller_name, r.owner_team_id,
                   tm.name AS team_name,
                   COALESCE(r.owner_seller_id = $2, FALSE)
                       OR EXISTS (SELECT 1 FROM directory_seller_team st
                                  WHERE st.seller_id = $2 AND st.team_id = r.owner_team_id) AS mine
            FROM directory_record r
            LEFT JOIN directory_seller s ON s.id = r.owner_seller_id
            LEFT JOIN directory_team tm ON tm.id = r.owner_team_id
            WHERE r.id = $1""";

    private static final String PHONES = """
            SELECT number, kind FROM directory_record_phone WHERE record_id = $1 ORDER BY kind DESC, number""";

    /**
     * A contact's opportunities the caller ({@code $2}, an admin when {@code $3}) may see (SPEC §5): the drop-down
     * must not name another team's opportunities to a seller who sees the contact only through a conversation on
     * their own number.
     */
    private static final String OPPORTUNITIES = """
            SELECT o.id, o.name, o.active, o.owner_seller_id, s.name AS seller_name, o.owner_team_id,
                   tm.name AS team_name, COALESCE(o.customer_id = $1, FALSE) AS customer
            FROM directory_record o
            LEFT JOIN directory_seller s ON s.id = o.owner_seller_id
            LEFT JOIN directory_team tm ON tm.id = o.owner_team_id
            WHERE o.type = 'OPPORTUNITY'
              AND o.id IN (SELECT c.id FROM directory_record c WHERE c.customer_id = $1
                           UNION
                           SELECT rc.record_id FROM directory_record_related_contact rc WHERE rc.contact_id = $1)
              AND ($3 OR %s)
            ORDER BY o.name, o.id""".formatted(Visibility.record("o").replace(":sellerId", "$2"));

    private static final String CONVERSATIONS = """
            SELECT c.id, c.record_id, c.record_type, c.record_name, c.record_owner_seller_id,
                   c.record_owner_team_id, c.customer_number, c.business_number, c.last_activity_at,
                   %s AS unread_count,
                   lm.id AS last_id, lm.direction AS last_direction, lm.body AS last_body,
                   lm.occurred_at AS last_occurred_at
            FROM conversation c
            %s
            LEFT JOIN LATERAL (SELECT m.id, m.direction, m.body, m.occurred_at FROM message m
                               WHERE m.conversation_id = c.id
                               ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1) lm ON TRUE
            WHERE c.record_id = ANY($2)
            %s
            ORDER BY c.last_activity_at DESC, c.id DESC""";

    private static final String ALL_CONVERSATIONS = CONVERSATIONS.formatted(ReadMarks.UNREAD_COUNT,
            ReadMarks.readMarkJoin("$1"), "");

    /** The statement with the SPEC §5 visibility check, for a seller; the check's parameter is the reader's. */
    static final String VISIBLE_CONVERSATIONS = CONVERSATIONS.formatted(ReadMarks.UNREAD_COUNT,
            ReadMarks.readMarkJoin("$1"), "AND " + ConversationQueries.VISIBLE_TO_SELLER.replace(":sellerId", "$1"));

    private final Pool pool;

    RecordConversationQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * The record's conversations, or null when the record is unknown, or the caller neither owns it (by self or team)
     * nor sees one of its own conversations (seeing a related opportunity's does not count).
     */
    public Uni<RecordConversations> of(Caller caller, String recordId) {
        return pool.withConnection(connection -> connection.preparedQuery(RECORD)
                .execute(Tuple.of(recordId, caller.sellerId()))
                .chain(rows -> rows.size() == 0
                        ? fromSnapshot(connection, caller, recordId)
                        : fromDirectory(connection, caller, rows.iterator().next())));
    }

    private Uni<RecordConversations> fromDirectory(SqlConnection connection, Caller caller, Row record) {
        String recordId = record.getString("id");
        RecordType type = RecordType.valueOf(record.getString("type"));
        RecordSummary summary = new RecordSummary(recordId, type, record.getString("name"), owner(record), true);
        boolean mine = caller.admin() || record.getBoolean("mine");
        return connection.preparedQuery(PHONES).execute(Tuple.of(recordId))
                .map(RecordConversationQueries::phones)
                .chain(phones -> opportunities(connection, caller, summary)
                        .chain(opportunities -> conversations(connection, caller, recordId, opportunities)
                                .map(conversations -> mine || conversations.stream()
                                        .anyMatch(c -> c.recordId.equals(recordId))
                                        ? assemble(summary, phones, opportunities, conversations)
                                        : null)));
    }

    /**
     * A record the directory does not know (yet, such as a lead routing has just created, or any more): shown from
     * the snapshot its conversations carry, when the caller sees one of them; otherwise it is unknown.
     */
    private Uni<RecordConversations> fromSnapshot(SqlConnection connection, Caller caller, String recordId) {
        return conversations(connection, caller, recordId, List.of()).chain(conversations -> {
            if (conversations.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            ConversationRow newest = conversations.get(0);
            OwnerView owner = newest.ownerSellerId == null && newest.ownerTeamId == null ? null
                    : new OwnerView(newest.ownerSellerId, null, newest.ownerTeamId, null);
            RecordSummary summary = new RecordSummary(recordId, newest.recordType, newest.recordName, owner, false);
            return opportunities(connection, caller, summary)
                    .chain(opportunities -> opportunities.isEmpty() ? Uni.createFrom().item(conversations)
                            : conversations(connection, caller, recordId, opportunities))
                    .map(all -> assemble(summary, List.of(), List.of(), all));
        });
    }

    private Uni<List<OpportunityRow>> opportunities(SqlConnection connection, Caller caller, RecordSummary record) {
        if (record.type() != RecordType.CONTACT) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery(OPPORTUNITIES)
                .execute(Tuple.of(record.id(), caller.sellerId(), caller.admin())).map(rows -> {
            List<OpportunityRow> opportunities = new ArrayList<>();
            for (Row row : rows) {
                opportunities.add(new OpportunityRow(row.getString("id"), row.getString("name"),
                        row.getBoolean("active"), owner(row),
                        row.getBoolean("customer") ? Relation.CUSTOMER : Relation.RELATED_CONTACT));
            }
            return opportunities;
        });
    }

    private static Uni<List<ConversationRow>> conversations(SqlConnection connection, Caller caller, String recordId,
            List<OpportunityRow> opportunities) {
        List<String> recordIds = new ArrayList<>();
        recordIds.add(recordId);
        opportunities.forEach(opportunity -> recordIds.add(opportunity.id()));
        return connection.preparedQuery(caller.admin() ? ALL_CONVERSATIONS : VISIBLE_CONVERSATIONS)
                .execute(Tuple.of(caller.sellerId(), recordIds.toArray(String[]::new)))
                .map(RecordConversationQueries::conversationRows);
    }

    private static RecordConversations assemble(RecordSummary record, List<Phone> phones,
            List<OpportunityRow> opportunities, List<ConversationRow> conversations) {
        Map<String, List<Conversation>> byRecord = new LinkedHashMap<>();
        for (ConversationRow row : conversations) {
            byRecord.computeIfAbsent(row.recordId, id -> new ArrayList<>()).add(row.view);
        }
        List<Conversation> own = byRecord.getOrDefault(record.id(), List.of());
        List<NumberConversations> numbers = phones.stream()
                .map(phone -> new NumberConversations(phone.number(), phone.kind(), own.stream()
                        .filter(c -> c.customerNumber().equals(phone.number())).toList()))
                .toList();
        Set<String> listed = phones.stream().map(Phone::number).collect(Collectors.toSet());
        List<Conversation> others = own.stream().filter(c -> !listed.contains(c.customerNumber())).toList();
        List<RelatedOpportunity> related = opportunities.stream()
                .map(o -> new RelatedOpportunity(o.id(), o.name(), o.owner(), o.active(), o.relation(),
                        List.copyOf(byRecord.getOrDefault(o.id(), List.of()))))
                .toList();
        List<Conversation> activities = record.type() == RecordType.OPPORTUNITY ? List.copyOf(own) : List.of();
        return new RecordConversations(record, numbers, others, related, activities);
    }

    private static List<Phone> phones(RowSet<Row> rows) {
        List<Phone> phones = new ArrayList<>();
        for (Row row : rows) {
            phones.add(new Phone(row.getString("number"), PhoneKind.valueOf(row.getString("kind"))));
        }
        return phones;
    }

    private static List<ConversationRow> conversationRows(RowSet<Row> rows) {
        List<ConversationRow> conversations = new ArrayList<>();
        for (Row row : rows) {
            UUID lastId = row.getUUID("last_id");
            MessagePreview last = lastId == null ? null
                    : MessagePreview.of(lastId, MessageDirection.valueOf(row.getString("last_direction")),
                            row.getString("last_body"), instant(row.getOffsetDateTime("last_occurred_at")));
            Conversation view = new Conversation(row.getUUID("id"), row.getString("customer_number"),
                    row.getString("business_number"), instant(row.getOffsetDateTime("last_activity_at")),
                    row.getLong("unread_count"), last);
            conversations.add(new ConversationRow(row.getString("record_id"),
                    RecordType.valueOf(row.getString("record_type")), row.getString("record_name"),
                    row.getString("record_owner_seller_id"), row.getString("record_owner_team_id"), view));
        }
        return conversations;
    }

    private static OwnerView owner(Row row) {
        String seller = row.getString("owner_seller_id");
        String team = row.getString("owner_team_id");
        return seller == null && team == null ? null
                : new OwnerView(seller, row.getString("seller_name"), team, row.getString("team_name"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private record Phone(String number, PhoneKind kind) {
    }

    private record OpportunityRow(String id, String name, boolean active, OwnerView owner, Relation relation) {
    }

    private record ConversationRow(String recordId, RecordType recordType, String recordName, String ownerSellerId,
            String ownerTeamId, Conversation view) {
    }
}
