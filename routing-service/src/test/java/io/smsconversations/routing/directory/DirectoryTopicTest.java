package io.smsconversations.routing.directory;

import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.national;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.queryOne;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/** The directory as every service learns it: from the compacted topics. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class DirectoryTopicTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();

    @Inject
    AgroalDataSource db;

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aRecordPublishedOnTheTopicIsStoredWithItsNumbersNormalised() {
        String id = unique("account");
        String number = number("425");
        DirectoryRecord record = new DirectoryRecord(id, RecordType.ACCOUNT, "Contoso", Owner.team("team-north"),
                false, Instant.parse("2026-10-01T12:00:00.123Z"),
                List.of(new PhoneNumber(PhoneKind.BUSINESS, national(number))), null);

        publish(Topics.DIRECTORY_RECORDS, id, EventTypes.DIRECTORY_RECORD_UPSERTED, record);

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + id, DirectoryRecord.class))
                .isEqualTo(new DirectoryRecord(id, RecordType.ACCOUNT, "Contoso", Owner.team("team-north"), false,
                        Instant.parse("2026-10-01T12:00:00.123Z"),
                        List.of(new PhoneNumber(PhoneKind.BUSINESS, number)), null)));
    }

    @Test
    void aReplayedEntryChangesNothingAndANewerOneReplacesItsNumbers() {
        String id = unique("contact");
        String first = number("425");
        String second = number("425");
        DirectoryRecord v1 = contact(id, first);
        DirectoryRecord v2 = contact(id, second);

        publish(Topics.DIRECTORY_RECORDS, id, EventTypes.DIRECTORY_RECORD_UPSERTED, v1);
        publish(Topics.DIRECTORY_RECORDS, id, EventTypes.DIRECTORY_RECORD_UPSERTED, v1);
        publish(Topics.DIRECTORY_RECORDS, id, EventTypes.DIRECTORY_RECORD_UPSERTED, v2);

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + id, DirectoryRecord.class))
                .isEqualTo(v2));
        assertThat(get("/api/admin/records?phone=" + first.substring(1), DirectoryRecord[].class)).isEmpty();
        assertThat(Arrays.stream(get("/api/admin/records?phone=" + second.substring(1), DirectoryRecord[].class))
                .map(DirectoryRecord::id)).containsExactly(id);
    }

    @Test
    void aTombstoneDeletesTheEntry() {
        String id = unique("seller");
        publish(Topics.DIRECTORY_SELLERS, id, EventTypes.DIRECTORY_SELLER_UPSERTED,
                new Seller(id, "Nina", List.of("team-x"), false));
        await().atMost(WAIT).until(() -> get("/api/admin/sellers/" + id, Seller.class) != null);

        publish(Topics.DIRECTORY_SELLERS, id, EventTypes.DIRECTORY_SELLER_UPSERTED, null);

        await().atMost(WAIT).until(() -> get("/api/admin/sellers/" + id, Seller.class) == null);
        assertThat(queryCount("SELECT count(*) FROM directory_seller_team WHERE seller_id = ?", id)).isZero();
    }

    @Test
    void aBusinessNumberPublishedOnTheTopicIsStoredWithItsOwners() {
        String number = number("206");
        BusinessNumber entry = new BusinessNumber(number, unique("Support"), BusinessNumberType.TOLL_FREE,
                List.of("sam", "nina"), List.of("team-north"), "vonage");

        publish(Topics.DIRECTORY_BUSINESS_NUMBERS, number, EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED, entry);

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                get("/api/admin/business-numbers/" + number.substring(1), BusinessNumber.class))
                .isEqualTo(new BusinessNumber(number, entry.name(), BusinessNumberType.TOLL_FREE,
                        List.of("nina", "sam"), List.of("team-north"), "vonage")));
    }

    @Test
    void anEntryThatCannotBeStoredIsDeadLetteredWithTheReasonAndTheNextOneIsStored() {
        String bad = unique("contact");
        String good = unique("contact");
        DirectoryRecord withBadNumber = new DirectoryRecord(bad, RecordType.CONTACT, "Ada", null, true, null,
                List.of(new PhoneNumber(PhoneKind.MOBILE, "12")), null);

        publish(Topics.DIRECTORY_RECORDS, bad, EventTypes.DIRECTORY_RECORD_UPSERTED, withBadNumber);
        KAFKA.publishRaw(Topics.DIRECTORY_RECORDS, bad, "{not json");
        publish(Topics.DIRECTORY_RECORDS, good, EventTypes.DIRECTORY_RECORD_UPSERTED, contact(good, number("425")));

        List<ConsumerRecord<String, String>> dead = awaitRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service",
                r -> bad.equals(r.key()), 2, WAIT);
        assertThat(dead).extracting(r -> header(r, "dead-letter-reason")).satisfiesExactly(
                reason -> assertThat(reason).isEqualTo("record " + bad + ": phones[0].number: is not a valid phone "
                        + "number (numbers without country code are read in region US)"),
                reason -> assertThat(reason).startsWith("value is not a DirectoryRecord in JSON (JsonParseException")
                        .doesNotContain("not json"));
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + good, DirectoryRecord.class) != null);
        assertThat(get("/api/admin/records/" + bad, DirectoryRecord.class)).isNull();
    }

    @Test
    void findingTheRecordsOfANumberUsesTheIndexNeverAScan() throws Exception {
        try (Connection connection = db.getConnection(); Statement sql = connection.createStatement()) {
            // With sequential scans priced out, the plan shows a Seq Scan only if no index can serve the query.
            sql.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery(
                    "EXPLAIN " + DirectoryStore.RECORDS_WITH_NUMBER_SQL.replace("?1", "'+14255550100'"))) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("directory_record_phone_number_idx").doesNotContain("Seq Scan");
        }
    }

    private static DirectoryRecord contact(String id, String number) {
        return new DirectoryRecord(id, RecordType.CONTACT, "Ada", Owner.seller("sam"), true,
                Instant.parse("2026-11-01T00:00:00Z"), List.of(new PhoneNumber(PhoneKind.MOBILE, number)), null);
    }

    private static void publish(String topic, String key, String type, Object payload) {
        KAFKA.publishEvent(topic, key, UUID.randomUUID().toString(), type, payload);
    }

    private long queryCount(String sql, Object... parameters) {
        return ((Number) queryOne(db, sql, parameters)).longValue();
    }
}
