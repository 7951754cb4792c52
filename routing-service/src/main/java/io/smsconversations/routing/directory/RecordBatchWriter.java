package io.smsconversations.routing.directory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.PhoneNumber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a batch of directory records in one transaction, with a constant number of statements whatever its size:
 * each column travels as one array and {@code unnest} turns the arrays back into rows. This is what lets the
 * {@code directory.records} consumer keep up with a bulk import (one transaction per record managed ~230 records/s).
 * <p>
 * The ids must be distinct (the consumer compacts its batch first): {@code ON CONFLICT DO UPDATE} refuses to touch a
 * row twice in one statement. Runs on the reactive pool directly rather than through Hibernate: array parameters and
 * multi-row statements are plain SQL, and the transaction is the batch's, not a session's.
 */
@ApplicationScoped
public class RecordBatchWriter {

    private static final String UPSERT_RECORDS = """
            INSERT INTO directory_record (id, type, name, owner_seller_id, owner_team_id, active, modified_on, account_id,
                customer_id)
            SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                $6::boolean[], $7::timestamptz[], $8::varchar[], $9::varchar[])
            ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name,
                owner_seller_id = EXCLUDED.owner_seller_id, owner_team_id = EXCLUDED.owner_team_id,
                active = EXCLUDED.active, modified_on = EXCLUDED.modified_on, account_id = EXCLUDED.account_id,
                customer_id = EXCLUDED.customer_id""";

    private static final String INSERT_PHONES = """
            INSERT INTO directory_record_phone (record_id, position, kind, number)
            SELECT * FROM unnest($1::varchar[], $2::integer[], $3::varchar[], $4::varchar[])""";

    private static final String INSERT_RELATED_CONTACTS = """
            INSERT INTO directory_record_related_contact (record_id, position, contact_id)
            SELECT * FROM unnest($1::varchar[], $2::integer[], $3::varchar[])""";

    @Inject
    Pool pool;

    /**
     * Upserts {@code upserts} (their phones and related contacts replaced) and deletes the records {@code deletes}
     * names (children go with them, {@code ON DELETE CASCADE}), all or nothing.
     */
    public Uni<Void> store(List<DirectoryRecord> upserts, Collection<String> deletes) {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> delete(connection, deletes)
                .chain(() -> upsert(connection, upserts)));
    }

    private static Uni<Void> delete(SqlConnection connection, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return execute(connection, "DELETE FROM directory_record WHERE id = ANY($1::varchar[])",
                Tuple.tuple().addArrayOfString(ids.toArray(String[]::new)));
    }

    private static Uni<Void> upsert(SqlConnection connection, List<DirectoryRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = records.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] names = new String[n];
        String[] ownerSellers = new String[n];
        String[] ownerTeams = new String[n];
        Boolean[] active = new Boolean[n];
        OffsetDateTime[] modifiedOn = new OffsetDateTime[n];
        String[] accounts = new String[n];
        String[] customers = new String[n];
        List<String> phoneRecords = new ArrayList<>();
        List<Integer> phonePositions = new ArrayList<>();
        List<String> phoneKinds = new ArrayList<>();
        List<String> phoneNumbers = new ArrayList<>();
        List<String> contactRecords = new ArrayList<>();
        List<Integer> contactPositions = new ArrayList<>();
        List<String> contactIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DirectoryRecord r = records.get(i);
            ids[i] = r.id();
            types[i] = r.type().name();
            names[i] = r.name();
            ownerSellers[i] = r.owner() == null ? null : r.owner().sellerId();
            ownerTeams[i] = r.owner() == null ? null : r.owner().teamId();
            active[i] = r.active();
            modifiedOn[i] = r.modifiedOn() == null ? null : r.modifiedOn().atOffset(ZoneOffset.UTC);
            accounts[i] = r.accountId();
            customers[i] = r.customerId();
            List<PhoneNumber> phones = r.phones();
            for (int p = 0; p < phones.size(); p++) {
                phoneRecords.add(r.id());
                phonePositions.add(p);
                phoneKinds.add(phones.get(p).kind().name());
                phoneNumbers.add(phones.get(p).number());
            }
            List<String> contacts = r.relatedContactIds();
            for (int c = 0; c < contacts.size(); c++) {
                contactRecords.add(r.id());
                contactPositions.add(c);
                contactIds.add(contacts.get(c));
            }
        }
        Tuple recordRows = Tuple.tuple().addArrayOfString(ids).addArrayOfString(types).addArrayOfString(names)
                .addArrayOfString(ownerSellers).addArrayOfString(ownerTeams).addArrayOfBoolean(active)
                .addArrayOfOffsetDateTime(modifiedOn).addArrayOfString(accounts).addArrayOfString(customers);
        Tuple idList = Tuple.tuple().addArrayOfString(ids);
        return execute(connection, UPSERT_RECORDS, recordRows)
                .chain(() -> execute(connection,
                        "DELETE FROM directory_record_phone WHERE record_id = ANY($1::varchar[])", idList))
                .chain(() -> execute(connection,
                        "DELETE FROM directory_record_related_contact WHERE record_id = ANY($1::varchar[])", idList))
                .chain(() -> phoneRecords.isEmpty() ? Uni.createFrom().voidItem()
                        : execute(connection, INSERT_PHONES, Tuple.tuple()
                                .addArrayOfString(phoneRecords.toArray(String[]::new))
                                .addArrayOfInteger(phonePositions.toArray(Integer[]::new))
                                .addArrayOfString(phoneKinds.toArray(String[]::new))
                                .addArrayOfString(phoneNumbers.toArray(String[]::new))))
                .chain(() -> contactRecords.isEmpty() ? Uni.createFrom().voidItem()
                        : execute(connection, INSERT_RELATED_CONTACTS, Tuple.tuple()
                                .addArrayOfString(contactRecords.toArray(String[]::new))
                                .addArrayOfInteger(contactPositions.toArray(Integer[]::new))
                                .addArrayOfString(contactIds.toArray(String[]::new))));
    }

    private static Uni<Void> execute(SqlConnection connection, String sql, Tuple parameters) {
        return connection.preparedQuery(sql).execute(parameters).replaceWithVoid();
    }
}
