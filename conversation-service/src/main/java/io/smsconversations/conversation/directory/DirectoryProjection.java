package io.smsconversations.conversation.directory;

import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the directory projection (V3, V5). Every write is an upsert by the topic's key, replacing the entry's owner and
 * team lists in the same transaction, so replaying a compacted topic from the start changes nothing; a delete of an
 * unknown entry is a no-op. Plain SQL on the reactive pool: these tables have no entities (nothing but SQL reads
 * them).
 */
@ApplicationScoped
public class DirectoryProjection {

    private static final String UPSERT_RECORD = """
            INSERT INTO directory_record (id, type, name, owner_seller_id, owner_team_id, account_id, active,
                    modified_on, customer_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name,
                owner_seller_id = EXCLUDED.owner_seller_id, owner_team_id = EXCLUDED.owner_team_id,
                account_id = EXCLUDED.account_id, active = EXCLUDED.active, modified_on = EXCLUDED.modified_on,
                customer_id = EXCLUDED.customer_id""";

    private static final String UPSERT_TEAM = """
            INSERT INTO directory_team (id, name) VALUES ($1, $2)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name""";

    private static final String UPSERT_SELLER = """
            INSERT INTO directory_seller (id, name, seller_privilege) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, seller_privilege = EXCLUDED.seller_privilege""";

    private static final String UPSERT_BUSINESS_NUMBER = """
            INSERT INTO directory_business_number (number, name, type, provider) VALUES ($1, $2, $3, $4)
            ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
                provider = EXCLUDED.provider""";

    private final Pool pool;

    DirectoryProjection(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> upsertRecord(DirectoryRecord record) {
        Tuple row = Tuple.tuple()
                .addValue(record.id())
                .addValue(record.type().name())
                .addValue(record.name())
                .addValue(record.owner() == null ? null : record.owner().sellerId())
                .addValue(record.owner() == null ? null : record.owner().teamId())
                .addValue(record.accountId())
                .addValue(record.active())
                .addValue(record.modifiedOn() == null ? null : record.modifiedOn().atOffset(ZoneOffset.UTC))
                .addValue(record.customerId());
        List<Tuple> phones = record.phones().stream()
                .map(phone -> Tuple.of(record.id(), phone.number(), phone.kind().name()))
                .toList();
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_RECORD).execute(row)
                .chain(() -> connection.preparedQuery("DELETE FROM directory_record_phone WHERE record_id = $1")
                        .execute(Tuple.of(record.id())))
                .chain(() -> connection
                        .preparedQuery("DELETE FROM directory_record_related_contact WHERE record_id = $1")
                        .execute(Tuple.of(record.id())))
                .chain(() -> insertRows(connection,
                        "INSERT INTO directory_record_phone (record_id, number, kind) VALUES ($1, $2, $3)", phones))
                .chain(() -> insertPairs(connection,
                        "INSERT INTO directory_record_related_contact (record_id, contact_id) VALUES ($1, $2)",
                        record.id(), record.relatedContactIds())));
    }

    public Uni<Void> upsertTeam(Team team) {
        return pool.preparedQuery(UPSERT_TEAM).execute(Tuple.of(team.id(), team.name())).replaceWithVoid();
    }

    public Uni<Void> deleteTeam(String id) {
        return pool.preparedQuery("DELETE FROM directory_team WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    public Uni<Void> deleteRecord(String id) {
        return pool.preparedQuery("DELETE FROM directory_record WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    public Uni<Void> upsertSeller(Seller seller) {
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_SELLER)
                .execute(Tuple.of(seller.id(), seller.name(), seller.sellerPrivilege()))
                .chain(() -> connection.preparedQuery("DELETE FROM directory_seller_team WHERE seller_id = $1")
                        .execute(Tuple.of(seller.id())))
                .chain(() -> insertPairs(connection,
                        "INSERT INTO directory_seller_team (seller_id, team_id) VALUES ($1, $2)",
                        seller.id(), seller.teamIds())));
    }

    public Uni<Void> deleteSeller(String id) {
        // The team memberships go with it (ON DELETE CASCADE).
        return pool.preparedQuery("DELETE FROM directory_seller WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    public Uni<Void> upsertBusinessNumber(BusinessNumber number) {
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_BUSINESS_NUMBER)
                .execute(Tuple.of(number.number(), number.name(), number.type().name(), number.provider()))
                .chain(() -> connection
                        .preparedQuery("DELETE FROM directory_business_number_seller WHERE number = $1")
                        .execute(Tuple.of(number.number())))
                .chain(() -> connection
                        .preparedQuery("DELETE FROM directory_business_number_team WHERE number = $1")
                        .execute(Tuple.of(number.number())))
                .chain(() -> insertPairs(connection,
                        "INSERT INTO directory_business_number_seller (number, seller_id) VALUES ($1, $2)",
                        number.number(), number.ownerSellerIds()))
                .chain(() -> insertPairs(connection,
                        "INSERT INTO directory_business_number_team (number, team_id) VALUES ($1, $2)",
                        number.number(), number.ownerTeamIds())));
    }

    public Uni<Void> deleteBusinessNumber(String number) {
        // The owners go with it (ON DELETE CASCADE).
        return pool.preparedQuery("DELETE FROM directory_business_number WHERE number = $1")
                .execute(Tuple.of(number))
                .replaceWithVoid();
    }

    private static Uni<Void> insertPairs(SqlConnection connection, String sql, String first, List<String> seconds) {
        return insertRows(connection, sql, seconds.stream().map(second -> Tuple.of(first, second)).toList());
    }

    private static Uni<Void> insertRows(SqlConnection connection, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
