package io.smsconversations.conversation.directory;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publishBusinessNumber;
import static io.smsconversations.conversation.Fixtures.publishRecord;
import static io.smsconversations.conversation.Fixtures.publishSeller;
import static io.smsconversations.conversation.Fixtures.publishTombstone;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** The directory projection fed by the compacted topics, and "My sending numbers" read from it. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class DirectoryProjectionTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Inject
    SendingNumberQueries numbers;

    @Test
    void aRecordIsUpsertedByItsKeyAndDeletedByATombstone() {
        String team = unique("team");
        RecordRef record = contact(unique("owner"));
        publishRecord(kafka, record, Owner.seller("first-owner"));
        awaitRows("SELECT owner_seller_id, owner_team_id, name, type FROM directory_record WHERE id = ?",
                record.id(), rows -> rows.equals(List.of(List.of("first-owner", "null", "Ada Lovelace", "CONTACT"))));

        // Re-assigned to a team, and the same entry again (a replay): one row, the latest owner.
        publishRecord(kafka, record, Owner.team(team));
        publishRecord(kafka, record, Owner.team(team));
        awaitRows("SELECT owner_seller_id, owner_team_id FROM directory_record WHERE id = ?", record.id(),
                rows -> rows.equals(List.of(List.of("null", team))));

        publishTombstone(kafka, Topics.DIRECTORY_RECORDS, record.id());
        awaitRows("SELECT id FROM directory_record WHERE id = ?", record.id(), List::isEmpty);
    }

    @Test
    void aRecordKeepsItsNumbersInE164AndItsOpportunityRelations() {
        String id = unique("opportunity");
        // The same number written three ways is one number; the first kind named wins.
        publishEntry(new DirectoryRecord(id, RecordType.OPPORTUNITY, "Renewal", Owner.team(unique("team")), true,
                Instant.parse("2026-11-30T09:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+1 (425) 555-0142"),
                        new PhoneNumber(PhoneKind.BUSINESS, "+14255550142"),
                        new PhoneNumber(PhoneKind.BUSINESS, "+44 20 7946 0958")),
                null, "account-1", List.of("contact-1", "contact-2")));
        awaitRows("SELECT number, kind FROM directory_record_phone WHERE record_id = ? ORDER BY number", id,
                rows -> rows.equals(List.of(List.of("+14255550142", "MOBILE"), List.of("+442079460958", "BUSINESS"))));
        awaitRows("SELECT customer_id FROM directory_record WHERE id = ?", id,
                rows -> rows.equals(List.of(List.of("account-1"))));
        awaitRows("SELECT contact_id FROM directory_record_related_contact WHERE record_id = ? ORDER BY contact_id",
                id, rows -> rows.equals(List.of(List.of("contact-1"), List.of("contact-2"))));

        // The next version replaces numbers and relations; a tombstone removes them with the record.
        publishEntry(new DirectoryRecord(id, RecordType.OPPORTUNITY, "Renewal", Owner.team("t"), true, null,
                List.of(new PhoneNumber(PhoneKind.BUSINESS, "+442079460958")), null, null, List.of("contact-2")));
        awaitRows("SELECT number FROM directory_record_phone WHERE record_id = ?", id,
                rows -> rows.equals(List.of(List.of("+442079460958"))));
        awaitRows("SELECT contact_id FROM directory_record_related_contact WHERE record_id = ?", id,
                rows -> rows.equals(List.of(List.of("contact-2"))));
        publishTombstone(kafka, Topics.DIRECTORY_RECORDS, id);
        awaitRows("SELECT number FROM directory_record_phone WHERE record_id = ?", id, List::isEmpty);
        awaitRows("SELECT contact_id FROM directory_record_related_contact WHERE record_id = ?", id, List::isEmpty);
    }

    @Test
    void aRecordWithANumberThatIsNotE164IsRefusedWholeNamingTheField() {
        String id = unique("contact");
        publishEntry(new DirectoryRecord(id, RecordType.CONTACT, "Grace", Owner.seller("s1"), true, null,
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+14255550143"), new PhoneNumber(PhoneKind.BUSINESS,
                        "call me maybe")), null));

        CloudEventRecord dead = kafka.awaitOne(Topics.DIRECTORY_RECORDS + ".dlq.conversation-service",
                e -> id.equals(e.key()), EVENTUALLY);
        assertThat(dead.value()).contains("call me maybe");
        assertThat(rowsNow("SELECT id FROM directory_record WHERE id = ?", id)).isEmpty();
        assertThat(rowsNow("SELECT number FROM directory_record_phone WHERE record_id = ?", id)).isEmpty();
    }

    @Test
    void aTeamKeepsItsLatestNameAndATombstoneDeletesIt() {
        String team = unique("team");
        kafka.publishEvent(Topics.DIRECTORY_TEAMS, team, unique("team-event"), EventTypes.DIRECTORY_TEAM_UPSERTED,
                new Team(team, "North"));
        kafka.publishEvent(Topics.DIRECTORY_TEAMS, team, unique("team-event"), EventTypes.DIRECTORY_TEAM_UPSERTED,
                new Team(team, "North-East"));
        awaitRows("SELECT name FROM directory_team WHERE id = ?", team,
                rows -> rows.equals(List.of(List.of("North-East"))));

        publishTombstone(kafka, Topics.DIRECTORY_TEAMS, team);
        awaitRows("SELECT name FROM directory_team WHERE id = ?", team, List::isEmpty);
    }

    private static void publishEntry(DirectoryRecord entry) {
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, entry.id(), unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, entry);
    }

    private static List<List<String>> rowsNow(String sql, String parameter) {
        try {
            return rows(sql, parameter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSellerKeepsOnlyItsLatestTeamsAndATombstoneDeletesThem() {
        String seller = unique("seller");
        publishSeller(kafka, seller, "team-a", "team-b", "team-a");
        awaitRows("SELECT team_id FROM directory_seller_team WHERE seller_id = ? ORDER BY team_id", seller,
                rows -> rows.equals(List.of(List.of("team-a"), List.of("team-b"))));
        publishSeller(kafka, seller, "team-c");
        awaitRows("SELECT team_id FROM directory_seller_team WHERE seller_id = ?", seller,
                rows -> rows.equals(List.of(List.of("team-c"))));

        publishTombstone(kafka, Topics.DIRECTORY_SELLERS, seller);
        awaitRows("SELECT id FROM directory_seller WHERE id = ?", seller, List::isEmpty);
        awaitRows("SELECT team_id FROM directory_seller_team WHERE seller_id = ?", seller, List::isEmpty);
    }

    @Test
    void aBusinessNumberKeepsItsOwnersAndATombstoneDeletesIt() {
        String number = number();
        String team = unique("team");
        BusinessNumber entry = publishBusinessNumber(kafka, number, List.of("s1", "s2"), List.of(team));
        awaitRows("SELECT name, type, provider FROM directory_business_number WHERE number = ?", number,
                rows -> rows.equals(List.of(List.of(entry.name(), "LONG_CODE", "twilio"))));
        awaitRows("SELECT seller_id FROM directory_business_number_seller WHERE number = ? ORDER BY seller_id",
                number, rows -> rows.equals(List.of(List.of("s1"), List.of("s2"))));

        publishBusinessNumber(kafka, number, List.of("s2"), List.of());
        awaitRows("SELECT seller_id FROM directory_business_number_seller WHERE number = ?", number,
                rows -> rows.equals(List.of(List.of("s2"))));
        awaitRows("SELECT team_id FROM directory_business_number_team WHERE number = ?", number, List::isEmpty);

        publishTombstone(kafka, Topics.DIRECTORY_BUSINESS_NUMBERS, number);
        awaitRows("SELECT number FROM directory_business_number WHERE number = ?", number, List::isEmpty);
        awaitRows("SELECT seller_id FROM directory_business_number_seller WHERE number = ?", number, List::isEmpty);
    }

    @Test
    void poisonDirectoryEntriesAreDeadLetteredAndTheNextEntryIsStored() {
        String recordDlq = Topics.DIRECTORY_RECORDS + ".dlq.conversation-service";
        RecordRef record = contact(unique("owner"));
        // Not JSON, then JSON without a type, then another CloudEvents type: all three refused, same key.
        kafka.publishRaw(Topics.DIRECTORY_RECORDS, record.id(), "{not json");
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, record.id(), unique("e"), EventTypes.DIRECTORY_RECORD_UPSERTED,
                Map.of("id", record.id(), "name", "No type"));
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, record.id(), unique("e"), EventTypes.DIRECTORY_SELLER_UPSERTED,
                Map.of("id", record.id(), "name", "A seller", "teamIds", List.of()));
        publishRecord(kafka, record, Owner.seller("after-the-poison"));

        List<CloudEventRecord> dead = kafka.await(recordDlq, e -> record.id().equals(e.key()), 3, EVENTUALLY);
        assertThat(dead).hasSize(3);
        awaitRows("SELECT owner_seller_id FROM directory_record WHERE id = ?", record.id(),
                rows -> rows.equals(List.of(List.of("after-the-poison"))));

        // A business number whose key is not a phone number (country code 0 does not exist).
        String badKey = "0" + number().substring(5);
        publishBusinessNumber(kafka, badKey, List.of("s1"), List.of());
        kafka.awaitOne(Topics.DIRECTORY_BUSINESS_NUMBERS + ".dlq.conversation-service", e -> badKey.equals(e.key()),
                EVENTUALLY);
    }

    @Test
    void sendingNumbersAreThoseOfTheSellerAndOfTheirTeamsAndAllForAnAdmin() {
        String team = unique("team");
        String owner = unique("owner");
        String member = unique("member");
        String ownNumber = number();
        String teamNumber = number();
        publishSeller(kafka, owner);
        publishSeller(kafka, member, team);
        publishBusinessNumber(kafka, ownNumber, List.of(owner), List.of());
        BusinessNumber teamEntry = publishBusinessNumber(kafka, teamNumber, List.of(), List.of(team));

        String ownerToken = TestTokens.seller(owner);
        String memberToken = TestTokens.seller(member);
        await().atMost(EVENTUALLY).until(() -> sendingNumbers(ownerToken).contains(ownNumber));
        assertThat(sendingNumbers(ownerToken)).containsExactly(ownNumber);
        await().atMost(EVENTUALLY).until(() -> sendingNumbers(memberToken).contains(teamNumber));
        assertThat(sendingNumbers(memberToken)).containsExactly(teamNumber);
        given().auth().oauth2(memberToken).when().get("/api/sending-numbers")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getMap("items[0]")
                .forEach((field, value) -> assertThat(value).as(field.toString()).isEqualTo(switch (field.toString()) {
                    case "number" -> teamNumber;
                    case "name" -> teamEntry.name();
                    case "type" -> "LONG_CODE";
                    case "provider" -> "twilio";
                    case "cannotSendBecause" -> null;
                    default -> throw new AssertionError("unexpected field " + field);
                }));
        assertThat(sendingNumbers(TestTokens.admin(unique("admin")))).contains(ownNumber, teamNumber);
        assertThat(sendingNumbers(TestTokens.seller(unique("stranger")))).isEmpty();

        // The check the send will make.
        Duration wait = Duration.ofSeconds(10);
        assertThat(numbers.mayUse(new Caller(owner, false), ownNumber).await().atMost(wait)).isTrue();
        assertThat(numbers.mayUse(new Caller(owner, false), teamNumber).await().atMost(wait)).isFalse();
        assertThat(numbers.mayUse(new Caller(member, false), teamNumber).await().atMost(wait)).isTrue();
        assertThat(numbers.mayUse(new Caller(member, false), ownNumber).await().atMost(wait)).isFalse();
        assertThat(numbers.mayUse(new Caller(unique("admin"), true), ownNumber).await().atMost(wait)).isTrue();
        assertThat(numbers.mayUse(new Caller(unique("admin"), true), number()).await().atMost(wait)).isFalse();

        // The seller leaves the team; the number is deleted.
        publishSeller(kafka, member);
        publishTombstone(kafka, Topics.DIRECTORY_BUSINESS_NUMBERS, ownNumber);
        await().atMost(EVENTUALLY).until(() -> sendingNumbers(memberToken).isEmpty());
        await().atMost(EVENTUALLY).until(() -> sendingNumbers(ownerToken).isEmpty());
    }

    @Test
    void sendingNumbersNeedATokenAndARole() {
        given().when().get("/api/sending-numbers").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2(TestTokens.token(unique("nobody"))).when().get("/api/sending-numbers")
                .then().statusCode(403);
    }

    private static List<String> sendingNumbers(String token) {
        return given().auth().oauth2(token).when().get("/api/sending-numbers")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("items.number", String.class);
    }

    private static void awaitRows(String sql, String parameter, java.util.function.Predicate<List<List<String>>> done) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> rows(sql, parameter), done);
    }

    /** The rows of {@code sql}, every column as text ("null" for NULL). */
    private static List<List<String>> rows(String sql, String parameter) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(String.valueOf(result.getString(i)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
