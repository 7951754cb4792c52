package io.smsconversations.conversation.thread;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.conversations;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.BearerProbe;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class ConversationApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @TestHTTPResource("/api/conversations")
    URI conversationsUri;

    @OidcWireMock
    WireMockServer oidcServer;

    @Test
    void aConversationTheCallerMayNotSeeIsNotFoundLikeAMissingOne() {
        String seller = unique("seller");
        MessageAttached attached = attached(contact(seller), number(), number(), "Private", Fixtures.now(),
                List.of(new AlertRecipient(seller, true)));
        publish(kafka, attached);
        String conversationId = awaitConversation(TestTokens.seller(seller), attached.message().from(),
                attached.message().to());
        String stranger = TestTokens.seller(unique("stranger"));

        JsonPath hidden = given().auth().oauth2(stranger).when().get("/api/conversations/" + conversationId)
                .then().statusCode(404).contentType(PROBLEM_JSON).extract().jsonPath();
        JsonPath missing = given().auth().oauth2(stranger).when().get("/api/conversations/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM_JSON).extract().jsonPath();
        assertThat(hidden.getString("title")).isEqualTo(missing.getString("title"));
        assertThat(hidden.getString("detail")).isEqualTo(missing.getString("detail"));
        given().auth().oauth2(stranger).when().get("/api/conversations/" + conversationId + "/messages")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(stranger).when().get("/api/conversations/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        assertThat(conversations(stranger, "?limit=200")).extracting(c -> c.get("id")).doesNotContain(conversationId);

        String admin = TestTokens.admin(unique("admin"));
        given().auth().oauth2(admin).when().get("/api/conversations/" + conversationId)
                .then().statusCode(200)
                .body("id", equalTo(conversationId))
                .body("customerNumber", equalTo(attached.message().from()))
                .body("lastMessage.text", equalTo("Private"));
        assertThat(awaitMessages(admin, conversationId, 1)).hasSize(1);
        assertThat(conversations(admin, "?limit=200")).extracting(c -> c.get("id")).contains(conversationId);
    }

    /**
     * Issues 11.5 and 16.5: only tokens issued for this API (audience sms-api, the main profile's setting: the test
     * profile does not override it), verified here against the realm's keys. Another client's token, a bearer that
     * is not a JWT and a JWT signed by an unknown key are 401 problems, without a call to the OIDC server's
     * introspection endpoint and without an ERROR line.
     */
    @Test
    void onlyTokensForThisApiAreAcceptedAndBadBearersAreRefusedWithoutAskingTheOidcServer() {
        String seller = unique("seller");
        assertThat(BearerProbe.status(conversationsUri, TestTokens.seller(seller))).isEqualTo(200);
        List<BearerProbe> probes = BearerProbe.probe(conversationsUri, bearer -> oidcServer.findAll(
                postRequestedFor(urlPathMatching(".*/introspect")).withRequestBody(containing(bearer))).size(),
                seller, "seller");
        assertThat(probes).extracting(BearerProbe::kind).containsExactlyInAnyOrder("another audience",
                "no audience", "not a JWT", "unknown signing key");
        assertThat(probes).allSatisfy(probe -> {
            assertThat(probe.status()).as(probe.kind()).isEqualTo(401);
            assertThat(probe.contentType()).as(probe.kind()).startsWith(PROBLEM_JSON);
            assertThat(probe.introspections()).as(probe.kind()).isZero();
            assertThat(probe.errors()).as(probe.kind()).isEmpty();
        });
    }

    @Test
    void withoutATokenTheApiAnswers401AndWithoutARole403() {
        String id = UUID.randomUUID().toString();
        for (String path : List.of("/api/conversations", "/api/conversations/" + id,
                "/api/conversations/" + id + "/messages")) {
            given().when().get(path).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
            given().auth().oauth2("not-a-token").when().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().auth().oauth2(TestTokens.token(unique("nobody"))).when().get(path)
                    .then().statusCode(403).contentType(PROBLEM_JSON);
        }
    }

    @Test
    void conversationsArePagedMostRecentActivityFirst() {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        Instant start = Fixtures.now().minusSeconds(3600);
        String business = number();
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            // Records of her own: an alert alone lets nobody see a conversation (issue 11.4).
            MessageAttached attached = attached(contact(seller), number(), business, "Message " + i,
                    start.plusSeconds(i), alerts);
            publish(kafka, attached);
            ids[i] = awaitConversation(token, attached.message().from(), business);
        }

        JsonPath first = given().auth().oauth2(token).queryParam("limit", 2).when().get("/api/conversations")
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(ids[2], ids[1]);
        JsonPath second = given().auth().oauth2(token).queryParam("limit", 2)
                .queryParam("before", first.getString("nextCursor"))
                .when().get("/api/conversations")
                .then().statusCode(200).body("nextCursor", nullValue())
                .extract().jsonPath();
        assertThat(second.getList("items.id")).containsExactly(ids[0]);
        assertThat(second.getString("items[0].lastMessage.text")).isEqualTo("Message 0");
    }

    @Test
    void theHistoryIsPagedOldestFirst() {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        RecordRef record = contact(seller);
        List<AlertRecipient> alerts = List.of(new AlertRecipient(seller, true));
        String customer = number();
        String business = number();
        Instant start = Fixtures.now().minusSeconds(600);
        // Delivered out of order: the history follows the provider's times, the activity keeps the latest.
        publish(kafka, attached(record, customer, business, "third", start.plusSeconds(2), alerts));
        String conversationId = awaitConversation(token, customer, business);
        publish(kafka, attached(record, customer, business, "first", start, alerts));
        publish(kafka, attached(record, customer, business, "second", start.plusSeconds(1), alerts));
        awaitMessages(token, conversationId, 3);

        String path = "/api/conversations/" + conversationId + "/messages";
        JsonPath first = given().auth().oauth2(token).queryParam("limit", 2).when().get(path)
                .then().statusCode(200).body("nextCursor", notNullValue()).extract().jsonPath();
        assertThat(first.getList("items.body")).containsExactly("first", "second");
        JsonPath second = given().auth().oauth2(token).queryParam("limit", 2)
                .queryParam("after", first.getString("nextCursor")).when().get(path)
                .then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath();
        assertThat(second.getList("items.body")).containsExactly("third");

        Map<String, Object> conversation = Fixtures.conversationWith(token, customer, business).orElseThrow();
        assertThat(Instant.parse((String) conversation.get("lastActivityAt"))).isEqualTo(start.plusSeconds(2));
    }

    @Test
    void badPagingParametersAreProblems() {
        String token = TestTokens.seller(unique("seller"));
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(token).queryParam("limit", 0).when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body(containsString("limit"));
        given().auth().oauth2(token).queryParam("limit", 201).when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body(containsString("limit"));
        given().auth().oauth2(token).queryParam("before", "garbage!").when().get("/api/conversations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("before"));
        given().auth().oauth2(token).queryParam("limit", 500).when().get("/api/conversations/" + id + "/messages")
                .then().statusCode(400).contentType(PROBLEM_JSON).body(containsString("limit"));
        given().auth().oauth2(token).queryParam("after", "Zm9v").when()
                .get("/api/conversations/" + id + "/messages")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("after"));
    }
}
