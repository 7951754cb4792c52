package io.smsconversations.conversation.thread;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.publishBusinessNumber;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.records.ViewFixtures.awaitSendingNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.unread.ReadMarks;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** "My SMS conversations" (SPEC §5): keyset pages across filters by record type and unread. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class MyConversationsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    private static final RecordType[] TYPES = { RecordType.CONTACT, RecordType.OPPORTUNITY, RecordType.CONTACT,
        RecordType.OPPORTUNITY, RecordType.LEAD };

    @Test
    void pagesFollowTheCursorAndTheFiltersHold() {
        String carol = unique("carol");
        String token = TestTokens.seller(carol);
        String line = number();
        publishBusinessNumber(kafka, line, List.of(carol), List.of());
        awaitSendingNumber(token, line);
        Instant start = Fixtures.now().minusSeconds(600);
        String[] ids = new String[TYPES.length];
        for (int i = 0; i < TYPES.length; i++) {
            // Records nobody gave Carol: she sees the conversations through her number.
            RecordRef record = new RecordRef(unique("record"), TYPES[i], "Record " + i, Owner.seller(unique("x")));
            String customer = number();
            publish(kafka, attached(record, customer, line, "Message " + i, start.plusSeconds(i), List.of()));
            ids[i] = awaitConversation(token, customer, line);
        }

        assertThat(walk(token, "", 2)).containsExactly(List.of(ids[4], ids[3]), List.of(ids[2], ids[1]),
                List.of(ids[0]));
        assertThat(walk(token, "&recordType=OPPORTUNITY", 1)).containsExactly(List.of(ids[3]), List.of(ids[1]));
        assertThat(walk(token, "&recordType=contact", 5)).containsExactly(List.of(ids[2], ids[0]));

        for (String read : List.of(ids[3], ids[0])) {
            given().auth().oauth2(token).when().post("/api/conversations/" + read + "/read").then().statusCode(200);
        }
        assertThat(walk(token, "&unread=true", 2)).containsExactly(List.of(ids[4], ids[2]), List.of(ids[1]));
        assertThat(walk(token, "&unread=true&recordType=OPPORTUNITY", 2)).containsExactly(List.of(ids[1]));
        assertThat(walk(token, "&unread=false", 10)).containsExactly(List.of(ids[4], ids[3], ids[2], ids[1],
                ids[0]));
        JsonPath page = given().auth().oauth2(token).when().get("/api/conversations?limit=5")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.unreadCount")).containsExactly(1, 0, 1, 1, 0);
        assertThat(page.getList("items.record.type")).containsExactly("LEAD", "OPPORTUNITY", "CONTACT",
                "OPPORTUNITY", "CONTACT");
    }

    @Test
    void badFiltersAndCursorsAreProblemsNamingTheParameter() {
        String token = TestTokens.seller(unique("seller"));
        given().auth().oauth2(token).queryParam("recordType", "PERSON").when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("recordType"));
        given().auth().oauth2(token).queryParam("unread", "maybe").when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("unread"));
        given().auth().oauth2(token).queryParam("before", "bm90LWEtY3Vyc29y").when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("before"));
    }

    @Test
    void theFilteredListAndTheUnreadCountsAreIndexBacked() throws SQLException {
        String visible = ConversationQueries.VISIBLE_TO_SELLER.replace(":sellerId", "'some-seller'");
        String mark = ReadMarks.readMarkJoin("'some-seller'");
        String filtered = plan("SELECT c.* FROM conversation c " + mark + " WHERE TRUE AND " + visible
                + " AND c.record_type = 'CONTACT' AND " + ReadMarks.HAS_UNREAD
                + " AND (c.last_activity_at, c.id) < (now(), '" + UUID.randomUUID() + "')"
                + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51");
        assertThat(filtered).doesNotContain("Seq Scan").contains("conversation_by_type_activity")
                .contains("message_inbound_history");
        String counts = plan("SELECT c.id, " + ReadMarks.UNREAD_COUNT + " FROM conversation c " + mark
                + " WHERE c.id IN ('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "')");
        assertThat(counts).doesNotContain("Seq Scan").contains("message_inbound_history");
    }

    /**
     * The record's part of the visibility check is a probe of the record's primary key per conversation walked,
     * never a read of all the seller's records ({@code directory_record_by_owner_seller}, a hashed sub-plan).
     */
    @Test
    void theListProbesEachWalkedConversationsRecordByPrimaryKey() throws SQLException {
        String visible = ConversationQueries.VISIBLE_TO_SELLER.replace(":sellerId", "'some-seller'");
        String list = plan("SELECT c.* FROM conversation c WHERE TRUE AND " + visible
                + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51");
        assertThat(list).contains("conversation_by_activity").contains("directory_record_pkey")
                .doesNotContain("directory_record_by_owner_seller").doesNotContain("Seq Scan");
    }

    /** The ids of every page, following nextCursor from the first page on. */
    private static List<List<Object>> walk(String token, String filters, int limit) {
        List<List<Object>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(token)
                    .when().get("/api/conversations?limit=" + limit + filters
                            + (cursor == null ? "" : "&before=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            pages.add(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return pages;
    }

    private static String plan(String sql) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            List<String> lines = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("EXPLAIN " + sql)) {
                while (result.next()) {
                    lines.add(result.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
