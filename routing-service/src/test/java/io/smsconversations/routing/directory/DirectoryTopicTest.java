package io.smsconversations.routing.directory;

import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.collectRaw;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.national;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.queryOne;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
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
import io.smsconversations.testing.SuiteInfrastructure;
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
                reason -> assertThat(reason).startsWith("payload is not a DirectoryRecord in JSON (JsonParseException")
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

    /**
     * Entries produced together on one partition reach the consumer in one poll, i.e. one batch: a new record, two
     * versions of one record, a tombstone for a stored record and an invalid record. The batch leaves what storing
     * them one by one would have left, and only the invalid entry is dead-lettered.
     */
    @Test
    void aBatchStoresTheLastVersionOfEachKeyDeletesTombstonesAndDeadLettersOnlyTheInvalidEntry() throws Exception {
        String added = unique("contact");
        String twice = unique("contact");
        String deleted = unique("contact");
        String invalid = unique("contact");
        String addedNumber = number("425");
        String firstNumber = number("425");
        String secondNumber = number("425");
        String deletedNumber = number("425");
        publish(Topics.DIRECTORY_RECORDS, deleted, EventTypes.DIRECTORY_RECORD_UPSERTED,
                contact(deleted, deletedNumber));
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + deleted, DirectoryRecord.class) != null);

        DirectoryRecord second = new DirectoryRecord(twice, RecordType.OPPORTUNITY, "Renewal", Owner.team("team-west"),
                false, Instant.parse("2026-11-02T00:00:00Z"), List.of(new PhoneNumber(PhoneKind.BUSINESS,
                        secondNumber)), null, added, List.of(deleted, added));
        publishTogether(
                entry(added, new DirectoryRecord(added, RecordType.CONTACT, "Ada", Owner.seller("sam"), true,
                        Instant.parse("2026-11-01T00:00:00Z"),
                        List.of(new PhoneNumber(PhoneKind.MOBILE, national(addedNumber))), null)),
                entry(twice, contact(twice, firstNumber)),
                entry(deleted, null),
                entry(invalid, new DirectoryRecord(invalid, RecordType.CONTACT, "Bob", null, true, null,
                        List.of(new PhoneNumber(PhoneKind.MOBILE, "12")), null)),
                entry(twice, second));

        List<ConsumerRecord<String, String>> dead = awaitRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service",
                r -> invalid.equals(r.key()), 1, WAIT);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(header(r, "dead-letter-reason")).isEqualTo("record " + invalid + ": phones[0].number: is not "
                    + "a valid phone number (numbers without country code are read in region US)");
            assertThat(r.value()).contains("\"Bob\"");
            assertThat(header(r, "ce_type")).isEqualTo(EventTypes.DIRECTORY_RECORD_UPSERTED);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + deleted,
                DirectoryRecord.class)).isNull());
        assertThat(get("/api/admin/records/" + added, DirectoryRecord.class)).isEqualTo(new DirectoryRecord(added,
                RecordType.CONTACT, "Ada", Owner.seller("sam"), true, Instant.parse("2026-11-01T00:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, addedNumber)), null));
        assertThat(get("/api/admin/records/" + twice, DirectoryRecord.class)).isEqualTo(second);
        assertThat(get("/api/admin/records/" + invalid, DirectoryRecord.class)).isNull();
        assertThat(rows("SELECT record_id || ' ' || position || ' ' || kind || ' ' || number FROM "
                + "directory_record_phone WHERE record_id IN (?, ?, ?, ?) ORDER BY record_id", added, twice, deleted,
                invalid)).containsExactlyInAnyOrder(added + " 0 MOBILE " + addedNumber,
                        twice + " 0 BUSINESS " + secondNumber);
        assertThat(rows("SELECT record_id || ' ' || position || ' ' || contact_id FROM "
                + "directory_record_related_contact WHERE record_id IN (?, ?, ?, ?)", added, twice, deleted, invalid))
                .containsExactlyInAnyOrder(twice + " 0 " + deleted, twice + " 1 " + added);
        assertThat(rows("SELECT number FROM directory_record_phone WHERE number IN (?, ?)", firstNumber,
                deletedNumber)).isEmpty();
        assertThat(collectRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service",
                r -> List.of(added, twice, deleted).contains(r.key()), Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * An entry that passes every check but that PostgreSQL refuses (a NUL character in a name) fails the batch's
     * transaction; after the retries the batch is stored entry by entry, so only that entry is dead-lettered.
     */
    @Test
    void anEntryTheDatabaseRefusesIsDeadLetteredAloneAndItsNeighboursAreStored() throws Exception {
        String before = unique("contact");
        String poison = unique("contact");
        String after = unique("contact");
        publishTogether(entry(before, contact(before, number("425"))),
                entry(poison, new DirectoryRecord(poison, RecordType.CONTACT, "Ada\u0000", null, true, null,
                        List.of(), null)),
                entry(after, contact(after, number("425"))));

        List<ConsumerRecord<String, String>> dead = awaitRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service",
                r -> poison.equals(r.key()), 1, Duration.ofSeconds(60));
        assertThat(header(dead.get(0), "dead-letter-reason")).isNotBlank();
        assertThat(get("/api/admin/records/" + before, DirectoryRecord.class)).isNotNull();
        assertThat(get("/api/admin/records/" + after, DirectoryRecord.class)).isNotNull();
        assertThat(get("/api/admin/records/" + poison, DirectoryRecord.class)).isNull();
        assertThat(collectRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service",
                r -> before.equals(r.key()) || after.equals(r.key()), Duration.ofSeconds(2))).isEmpty();
    }

    private static ProducerRecord<String, String> entry(String key, DirectoryRecord value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DIRECTORY_RECORDS, 0, key,
                value == null ? null : json(value));
        for (String[] h : new String[][] { { "ce_specversion", "1.0" }, { "ce_id", UUID.randomUUID().toString() },
                { "ce_type", EventTypes.DIRECTORY_RECORD_UPSERTED }, { "ce_source", "/sms-conversations/tests" } }) {
            record.headers().add(h[0], h[1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /** Sends the records in one producer batch (same partition, lingering), so they are fetched in one poll. */
    @SafeVarargs
    private static void publishTogether(ProducerRecord<String, String>... records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "1000",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private List<String> rows(String sql, Object... parameters) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
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
