package io.smsconversations.conversation.search;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Issue 14 item 5 through the real database: full-text search over the caller's visible conversations (body, record
 * name, customer number in any format), and a conversation's export as CSV and JSON, streamed in pages.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class SearchAndExportTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();
    private static final String PROBLEMS = "https://sms-conversations.io/problems/";

    @Test
    void aSellerFindsTheirConversationsByBodyRecordNameAndNumberInAnyFormatAndNoOneElsesAre() {
        String seller = Fixtures.unique("seller");
        String bodyWord = word();
        String nameWord = word();
        RecordRef record = new RecordRef(Fixtures.unique("contact"), RecordType.CONTACT, "Ada " + nameWord,
                Owner.seller(seller));
        String customer = Fixtures.number();
        String business = Fixtures.number();
        publish(kafka, attached(record, customer, business, "About the " + bodyWord.toUpperCase() + " order, please",
                Fixtures.now(), List.of()));
        String token = TestTokens.seller(seller);
        String conversationId = Fixtures.awaitConversation(token, customer, business);

        Map<String, Object> byBody = only(search(token, bodyWord));
        assertThat(byBody).containsEntry("conversationId", conversationId).containsEntry("customerNumber", customer);
        assertThat(matchedOn(byBody)).containsExactly("BODY");
        List<Map<String, Object>> matched = castList(byBody.get("messages"));
        assertThat(matched).hasSize(1);
        assertThat((String) matched.get(0).get("snippet")).contains("**" + bodyWord.toUpperCase() + "**");

        assertThat(matchedOn(only(search(token, nameWord)))).containsExactly("RECORD_NAME");
        // The customer number typed as a seller would: national format, with punctuation.
        String national = "(" + customer.substring(2, 5) + ") " + customer.substring(5, 8) + "-" + customer.substring(8);
        assertThat(matchedOn(only(search(token, national)))).containsExactly("CUSTOMER_NUMBER");
        assertThat(search(token, customer)).hasSize(1);

        assertThat(search(TestTokens.seller(Fixtures.unique("stranger")), bodyWord)).isEmpty();
        assertThat(search(TestTokens.admin("search-admin"), bodyWord)).extracting(h -> h.get("conversationId"))
                .containsExactly(conversationId);
        assertThat(search(token, word())).isEmpty();
    }

    @Test
    void badQueriesAndLimitsAreProblems() {
        String token = TestTokens.seller("olga");
        for (String q : List.of("a", " ", "x".repeat(201))) {
            given().auth().oauth2(token).queryParam("q", q).when().get("/api/conversations/search").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "bad-query"));
        }
        given().auth().oauth2(token).when().get("/api/conversations/search").then().statusCode(400);
        for (String limit : List.of("0", "51", "ten")) {
            given().auth().oauth2(token).queryParam("q", "hello").queryParam("limit", limit).when()
                    .get("/api/conversations/search").then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "bad-limit"));
        }
        given().queryParam("q", "hello").when().get("/api/conversations/search").then().statusCode(401);
    }

    @Test
    void theSearchReadsTheFullTextIndexes() {
        String plan = TestDatabase.plan("""
                SELECT m.conversation_id FROM message m WHERE to_tsvector('simple', coalesce(m.body, '')) @@ plainto_tsquery('simple', 'offer')
                UNION SELECT c.id FROM conversation c WHERE to_tsvector('simple', coalesce(c.record_name, '')) @@ plainto_tsquery('simple', 'offer')
                UNION SELECT c.id FROM conversation c WHERE c.customer_number = '+14255550100'""");
        assertThat(plan).contains("message_body_search").contains("conversation_record_search")
                .contains("conversation_by_customer_number").doesNotContain("Seq Scan");
    }

    @Test
    void aConversationIsExportedAsCsvAndJsonInPagesOnlyToWhoeverMaySeeIt() throws Exception {
        Line line = Line.open(kafka);
        String tricky = "Yes, \"the\" big one\nand the small";
        line.send(tricky).statusCode(202);
        // A long thread: more than a page of the export (500), written straight to the database.
        int extra = ConversationExport.PAGE + 20;
        TestDatabase.execute("""
                INSERT INTO message (id, conversation_id, source_event_id, direction, body, from_number, to_number,
                        occurred_at, stored_at, segments, media, alerts)
                SELECT gen_random_uuid(), ?, 'bulk-' || gen_random_uuid(), 'INBOUND', 'Line ' || n, ?, ?,
                       now() + n * interval '1 millisecond', now(), 1, '{"items": []}', '{"items": []}'
                  FROM generate_series(1, ?) AS n""", UUID.fromString(line.conversationId()), line.customer(),
                line.business(), extra);
        int total = 2 + extra;

        ExtractableResponse<Response> csv = given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/export/csv").then().statusCode(200).extract();
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"conversation-" + line.conversationId() + ".csv\"");
        String text = csv.asString();
        assertThat(text).startsWith("id,occurredAt,direction,from,to,body,sentBy,autoReply,deliveryStatus,"
                + "failureReason,providerCode,provider,providerMessageId,segments\n");
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            rows = read.readAll();
        }
        assertThat(rows).hasSize(total);
        assertThat(rows.get(0)).containsEntry("body", "Hello").containsEntry("direction", "INBOUND");
        assertThat(rows.get(1)).containsEntry("body", tricky).containsEntry("direction", "OUTBOUND")
                .containsEntry("from", line.business()).containsEntry("to", line.customer())
                .containsEntry("sentBy", line.seller()).containsEntry("deliveryStatus", "QUEUED");
        assertThat(rows.get(total - 1)).containsEntry("body", "Line " + extra);

        String json = given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/export/json").then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.isArray()).isTrue();
        assertThat(tree).hasSize(total);
        assertThat(tree.get(0).path("body").asText()).isEqualTo("Hello");
        assertThat(tree.get(1).path("body").asText()).isEqualTo(tricky);
        assertThat(tree.get(1).path("sentBy").asText()).isEqualTo(line.seller());
        assertThat(Instant.parse(tree.get(1).path("occurredAt").asText())).isNotNull();
        assertThat(tree.get(total - 1).path("body").asText()).isEqualTo("Line " + extra);

        given().auth().oauth2(TestTokens.seller(Fixtures.unique("stranger"))).when()
                .get("/api/conversations/" + line.conversationId() + "/export/csv").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.seller(Fixtures.unique("stranger"))).when()
                .get("/api/conversations/" + line.conversationId() + "/export/json").then().statusCode(404);
        given().auth().oauth2(line.token()).when().get("/api/conversations/" + UUID.randomUUID() + "/export/csv")
                .then().statusCode(404);
        given().auth().oauth2(line.token()).when().get("/api/conversations/not-an-id/export/json")
                .then().statusCode(404);
    }

    private static List<Map<String, Object>> search(String token, String q) {
        return given().auth().oauth2(token).queryParam("q", q).when().get("/api/conversations/search").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    private static Map<String, Object> only(List<Map<String, Object>> hits) {
        assertThat(hits).hasSize(1);
        return hits.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> matchedOn(Map<String, Object> hit) {
        return (List<String>) hit.get("matchedOn");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** A word no other test writes: lower-case letters only, so full-text search keeps it whole. */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
