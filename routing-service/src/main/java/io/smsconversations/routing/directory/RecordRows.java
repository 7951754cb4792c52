package io.smsconversations.routing.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.PhoneNumber;

/**
 * The SQL of the record tables ({@code directory_record}, its phones and related contacts), written once, for the
 * directory consumer's batches and the router's leads alike. A set of records travels as one array per column and
 * {@code unnest} turns the arrays back into rows, so each statement stores any number of records: that is what lets
 * the {@code directory.records} consumer keep up with a bulk import (one transaction per record managed ~230/s).
 * <p>
 * Every array is bound as text and cast by PostgreSQL ({@code CAST(CAST(?6 AS varchar[]) AS boolean[])}): one array
 * type to bind, the one Hibernate Reactive and the driver agree on. {@code CAST} rather than {@code ::}, which
 * Hibernate's parameter parser misreads. Runs on the session, in the transaction of whoever calls, so a lead and
 * the decision that made it commit together.
 */
final class RecordRows {

    private static final String INSERT_RECORDS = """
            INSERT INTO directory_record (id, type, name, owner_seller_id, owner_team_id, active, modified_on,
                account_id, customer_id)
            SELECT * FROM unnest(CAST(?1 AS varchar[]), CAST(?2 AS varchar[]), CAST(?3 AS varchar[]),
                CAST(?4 AS varchar[]), CAST(?5 AS varchar[]), CAST(CAST(?6 AS varchar[]) AS boolean[]),
                CAST(CAST(?7 AS varchar[]) AS timestamptz[]), CAST(?8 AS varchar[]), CAST(?9 AS varchar[]))
            """;

    /** The ids must be distinct: {@code ON CONFLICT DO UPDATE} refuses to touch a row twice in one statement. */
    private static final String UPSERT_RECORDS = INSERT_RECORDS + """
            ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name,
                owner_seller_id = EXCLUDED.owner_seller_id, owner_team_id = EXCLUDED.owner_team_id,
                active = EXCLUDED.active, modified_on = EXCLUDED.modified_on, account_id = EXCLUDED.account_id,
                customer_id = EXCLUDED.customer_id""";

    private static final String INSERT_RECORDS_IF_ABSENT = INSERT_RECORDS + "ON CONFLICT (id) DO NOTHING";

    private static final String INSERT_PHONES = """
            INSERT INTO directory_record_phone (record_id, position, kind, number)
            SELECT * FROM unnest(CAST(?1 AS varchar[]), CAST(CAST(?2 AS varchar[]) AS integer[]),
                CAST(?3 AS varchar[]), CAST(?4 AS varchar[]))""";

    private static final String INSERT_RELATED_CONTACTS = """
            INSERT INTO directory_record_related_contact (record_id, position, contact_id)
            SELECT * FROM unnest(CAST(?1 AS varchar[]), CAST(CAST(?2 AS varchar[]) AS integer[]),
                CAST(?3 AS varchar[]))""";

    private static final String DELETE_RECORDS = "DELETE FROM directory_record WHERE id = ANY(CAST(?1 AS varchar[]))";

    private static final String DELETE_PHONES =
            "DELETE FROM directory_record_phone WHERE record_id = ANY(CAST(?1 AS varchar[]))";

    private static final String DELETE_RELATED_CONTACTS =
            "DELETE FROM directory_record_related_contact WHERE record_id = ANY(CAST(?1 AS varchar[]))";

    private RecordRows() {
    }

    /** Replaces {@code records} (their phones and related contacts too); the ids must be distinct. */
    static Uni<Void> upsert(Mutiny.Session session, List<DirectoryRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = ids(records);
        return update(session, UPSERT_RECORDS, recordColumns(records))
                .chain(() -> execute(session, DELETE_PHONES, (Object) ids))
                .chain(() -> execute(session, DELETE_RELATED_CONTACTS, (Object) ids))
                .chain(() -> insertChildren(session, records));
    }

    /** Inserts {@code record} unless a record with its id exists; true when it was inserted. */
    static Uni<Boolean> insertIfAbsent(Mutiny.Session session, DirectoryRecord record) {
        List<DirectoryRecord> one = List.of(record);
        return update(session, INSERT_RECORDS_IF_ABSENT, recordColumns(one))
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : insertChildren(session, one).replaceWith(true));
    }

    /** Deletes the records {@code ids} names; their children go with them ({@code ON DELETE CASCADE}). */
    static Uni<Void> delete(Mutiny.Session session, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return execute(session, DELETE_RECORDS, (Object) ids.toArray(String[]::new));
    }

    private static Uni<Void> insertChildren(Mutiny.Session session, List<DirectoryRecord> records) {
        List<String> phoneRecords = new ArrayList<>();
        List<String> phonePositions = new ArrayList<>();
        List<String> phoneKinds = new ArrayList<>();
        List<String> phoneNumbers = new ArrayList<>();
        List<String> contactRecords = new ArrayList<>();
        List<String> contactPositions = new ArrayList<>();
        List<String> contactIds = new ArrayList<>();
        for (DirectoryRecord r : records) {
            List<PhoneNumber> phones = r.phones();
            for (int p = 0; p < phones.size(); p++) {
                phoneRecords.add(r.id());
                phonePositions.add(Integer.toString(p));
                phoneKinds.add(phones.get(p).kind().name());
                phoneNumbers.add(phones.get(p).number());
            }
            List<String> contacts = r.relatedContactIds();
            for (int c = 0; c < contacts.size(); c++) {
                contactRecords.add(r.id());
                contactPositions.add(Integer.toString(c));
                contactIds.add(contacts.get(c));
            }
        }
        Uni<Void> phones = phoneRecords.isEmpty() ? Uni.createFrom().voidItem()
                : execute(session, INSERT_PHONES, array(phoneRecords), array(phonePositions), array(phoneKinds),
                        array(phoneNumbers));
        return phones.chain(() -> contactRecords.isEmpty() ? Uni.createFrom().voidItem()
                : execute(session, INSERT_RELATED_CONTACTS, array(contactRecords), array(contactPositions),
                        array(contactIds)));
    }

    private static Object[] recordColumns(List<DirectoryRecord> records) {
        int n = records.size();
        String[] types = new String[n];
        String[] names = new String[n];
        String[] ownerSellers = new String[n];
        String[] ownerTeams = new String[n];
        String[] active = new String[n];
        String[] modifiedOn = new String[n];
        String[] accounts = new String[n];
        String[] customers = new String[n];
        for (int i = 0; i < n; i++) {
            DirectoryRecord r = records.get(i);
            types[i] = r.type().name();
            names[i] = r.name();
            ownerSellers[i] = r.owner() == null ? null : r.owner().sellerId();
            ownerTeams[i] = r.owner() == null ? null : r.owner().teamId();
            active[i] = Boolean.toString(r.active());
            modifiedOn[i] = r.modifiedOn() == null ? null : r.modifiedOn().toString();
            accounts[i] = r.accountId();
            customers[i] = r.customerId();
        }
        return new Object[] { ids(records), types, names, ownerSellers, ownerTeams, active, modifiedOn, accounts,
                customers };
    }

    private static String[] ids(List<DirectoryRecord> records) {
        return records.stream().map(DirectoryRecord::id).toArray(String[]::new);
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static Uni<Void> execute(Mutiny.Session session, String sql, Object... parameters) {
        return update(session, sql, parameters).replaceWithVoid();
    }

    private static Uni<Integer> update(Mutiny.Session session, String sql, Object... parameters) {
        Mutiny.Query<Object> query = session.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }
}
