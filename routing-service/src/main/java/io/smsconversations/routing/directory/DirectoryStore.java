package io.smsconversations.routing.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;

/**
 * The directory tables. Reads go through Panache; writes are SQL upserts ({@code INSERT ... ON CONFLICT}) so that
 * replaying a topic, or the directory consumer meeting a lead the router has just inserted, is never a conflict.
 * Records are written by {@link RecordRows} (the topic's batches through {@link RecordBatchWriter}, the router's
 * leads here).
 * <p>
 * Every method joins the session or transaction already open on the current Vert.x context, or opens its own.
 */
@ApplicationScoped
public class DirectoryStore {

    /**
     * The records carrying a number. A subquery on the number's index, then the primary key: never a scan, whatever
     * the size of the directory (a test checks the plan).
     */
    public static final String RECORDS_WITH_NUMBER_SQL = "SELECT r.* FROM directory_record r WHERE r.id IN "
            + "(SELECT p.record_id FROM directory_record_phone p WHERE p.number = ?1) ORDER BY r.id";

    private static final String UPSERT_TEAM = """
            INSERT INTO directory_team (id, name) VALUES (?1, ?2)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name""";

    private static final String UPSERT_SELLER = """
            INSERT INTO directory_seller (id, name, seller_privilege) VALUES (?1, ?2, ?3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, seller_privilege = EXCLUDED.seller_privilege""";

    private static final String UPSERT_BUSINESS_NUMBER = """
            INSERT INTO directory_business_number (number, name, type, provider) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
                provider = EXCLUDED.provider""";

    // --- writes

    /** Inserts {@code record} unless a record with its id exists; true when it was inserted. */
    public Uni<Boolean> insertRecordIfAbsent(DirectoryRecord record) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> RecordRows.insertIfAbsent(session, record)));
    }

    public Uni<Void> upsertSeller(Seller seller) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(UPSERT_SELLER)
                .setParameter(1, seller.id()).setParameter(2, seller.name()).setParameter(3, seller.sellerPrivilege())
                .executeUpdate()
                .chain(() -> update(session, "DELETE FROM directory_seller_team WHERE seller_id = ?1", seller.id()))
                .chain(() -> insertPairs(session, "directory_seller_team", "seller_id", "team_id", seller.id(),
                        seller.teamIds()))));
    }

    public Uni<Void> deleteSeller(String id) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> update(session, "DELETE FROM directory_seller WHERE id = ?1", id)))
                .replaceWithVoid();
    }

    public Uni<Void> upsertTeam(Team team) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(UPSERT_TEAM)
                .setParameter(1, team.id()).setParameter(2, team.name())
                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<Void> deleteTeam(String id) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> update(session, "DELETE FROM directory_team WHERE id = ?1", id)))
                .replaceWithVoid();
    }

    public Uni<Void> upsertBusinessNumber(BusinessNumber number) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(UPSERT_BUSINESS_NUMBER)
                .setParameter(1, number.number()).setParameter(2, number.name())
                .setParameter(3, number.type().name()).setParameter(4, number.provider())
                .executeUpdate()
                .chain(() -> update(session, "DELETE FROM directory_business_number_seller WHERE number = ?1",
                        number.number()))
                .chain(() -> update(session, "DELETE FROM directory_business_number_team WHERE number = ?1",
                        number.number()))
                .chain(() -> insertPairs(session, "directory_business_number_seller", "number", "seller_id",
                        number.number(), number.ownerSellerIds()))
                .chain(() -> insertPairs(session, "directory_business_number_team", "number", "team_id",
                        number.number(), number.ownerTeamIds()))));
    }

    public Uni<Void> deleteBusinessNumber(String number) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> update(session,
                "DELETE FROM directory_business_number WHERE number = ?1", number)))
                .replaceWithVoid();
    }

    // --- reads

    /** The records carrying {@code number} (E.164), without their phones, by id. */
    public Uni<List<RecordEntity>> recordsWithNumber(String number) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(RECORDS_WITH_NUMBER_SQL, RecordEntity.class)
                .setParameter(1, number)
                .getResultList()));
    }

    /** The records with these ids, with their phones and related contacts, by id. */
    public Uni<List<DirectoryRecord>> recordsWithPhones(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> RecordEntity.<RecordEntity> find(
                "select distinct r from RecordEntity r left join fetch r.phones left join fetch r.relatedContactIds "
                        + "where r.id in ?1 order by r.id",
                List.copyOf(ids)).list())
                .map(records -> records.stream().map(DirectoryMapping::record).toList());
    }

    public Uni<Optional<DirectoryRecord>> record(String id) {
        return recordsWithPhones(List.of(id)).map(list -> list.stream().findFirst());
    }

    public Uni<List<DirectoryRecord>> recordsCarrying(String number) {
        return Panache.withSession(() -> recordsWithNumber(number)
                .chain(records -> recordsWithPhones(records.stream().map(r -> r.id).toList())));
    }

    /** Which of {@code ids} are taken by a record. */
    public Uni<Set<String>> existingRecordIds(Collection<String> ids) {
        return Panache.withSession(() -> RecordEntity.<RecordEntity> find("id in ?1", List.copyOf(ids)).list())
                .map(records -> {
                    Set<String> taken = new HashSet<>();
                    records.forEach(r -> taken.add(r.id));
                    return taken;
                });
    }

    public Uni<Optional<Seller>> seller(String id) {
        return sellersByIds(List.of(id)).map(list -> list.stream().findFirst().map(DirectoryMapping::seller));
    }

    /** The sellers with these ids, with their teams. */
    public Uni<List<SellerEntity>> sellersByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> SellerEntity.<SellerEntity> find(
                "select distinct s from SellerEntity s left join fetch s.teamIds where s.id in ?1",
                List.copyOf(ids)).list());
    }

    public Uni<Optional<Team>> team(String id) {
        return Panache.withSession(() -> TeamEntity.<TeamEntity> findById(id))
                .map(found -> Optional.ofNullable(found).map(DirectoryMapping::team));
    }

    /** Every named team, by id. */
    public Uni<List<Team>> teams() {
        return Panache.withSession(() -> TeamEntity.<TeamEntity> listAll(Sort.by("id")))
                .map(teams -> teams.stream().map(DirectoryMapping::team).toList());
    }

    /** The ids of the sellers naming each of these teams (sorted), by team id; a team without members is absent. */
    public Uni<Map<String, List<String>>> teamMembers(Collection<String> teamIds) {
        if (teamIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select t, s.id from SellerEntity s join s.teamIds t where t in ?1 "
                        + "order by s.id", Object[].class)
                .setParameter(1, List.copyOf(teamIds))
                .getResultList()))
                .map(rows -> {
                    Map<String, List<String>> members = new TreeMap<>();
                    rows.forEach(row -> members.computeIfAbsent((String) row[0], t -> new ArrayList<>())
                            .add((String) row[1]));
                    return members;
                });
    }

    /** The business number with its owners (fetched). */
    public Uni<Optional<BusinessNumberEntity>> businessNumberEntity(String number) {
        return Panache.withSession(() -> BusinessNumberEntity.<BusinessNumberEntity> find(
                "select distinct b from BusinessNumberEntity b left join fetch b.ownerSellerIds "
                        + "left join fetch b.ownerTeamIds where b.number = ?1",
                number).list())
                .map(list -> list.stream().findFirst());
    }

    public Uni<Optional<BusinessNumber>> businessNumber(String number) {
        return businessNumberEntity(number).map(found -> found.map(DirectoryMapping::businessNumber));
    }

    /** Whether another business number than {@code number} already has {@code name} (names are unique, SPEC §3). */
    public Uni<Boolean> businessNumberNameTaken(String name, String number) {
        return Panache.withSession(() -> BusinessNumberEntity.count("name = ?1 and number <> ?2", name, number))
                .map(count -> count > 0);
    }

    // --- SQL helpers

    private static Uni<Void> insertPairs(Mutiny.Session session, String table, String ownerColumn,
            String valueColumn, String owner, List<String> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(ownerColumn)
                .append(", ").append(valueColumn).append(") VALUES ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(i + 2).append(')');
        }
        Mutiny.Query<Object> insert = session.createNativeQuery(sql.toString());
        insert.setParameter(1, owner);
        for (int i = 0; i < values.size(); i++) {
            insert.setParameter(i + 2, values.get(i));
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    private static Uni<Integer> update(Mutiny.Session session, String sql, Object parameter) {
        return session.createNativeQuery(sql).setParameter(1, parameter).executeUpdate();
    }
}
