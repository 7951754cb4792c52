package io.smsconversations.conversation;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.restproblems.StandardTitles;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Every refusal of the API is an RFC 9457 problem with a title that fits its status: the four ways a caller fails
 * authentication or authorisation on each kind of endpoint, and a walk over the refusals that need little set-up.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class ProblemDetailsTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    /** One endpoint per resource class, every method kind. */
    private static final List<Function<RequestSpecification, Response>> ENDPOINTS = List.of(
            spec -> spec.get("/api/conversations"),
            spec -> spec.get("/api/conversations/" + UUID.randomUUID() + "/opt-out"),
            spec -> spec.contentType(ContentType.JSON).body(Map.of("body", "Hi"))
                    .post("/api/conversations/" + UUID.randomUUID() + "/messages"),
            spec -> spec.contentType(ContentType.JSON).body(Map.of("recordId", "r"))
                    .post("/api/conversations/" + UUID.randomUUID() + "/move"),
            spec -> spec.post("/api/conversations/" + UUID.randomUUID() + "/read"),
            spec -> spec.get("/api/records/" + unique("record") + "/conversations"),
            spec -> spec.get("/api/sending-numbers"),
            spec -> spec.get("/api/templates"),
            spec -> spec.delete("/api/templates/" + UUID.randomUUID()),
            spec -> spec.contentType(ContentType.JSON).body(Map.of("text", "Hi")).post("/api/segment-preview"));

    @Test
    void noTokenABadOneAnExpiredOneAndAMissingRoleAreProblemsWithTheChallenge() {
        String valid = TestTokens.seller(unique("seller"));
        String forged = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (Function<RequestSpecification, Response> endpoint : ENDPOINTS) {
            unauthorized(endpoint.apply(given()));
            unauthorized(endpoint.apply(given().auth().oauth2("not-a-token")));
            unauthorized(endpoint.apply(given().auth().oauth2(forged)));
            unauthorized(endpoint.apply(given().auth().oauth2(TestTokens.expiredSeller(unique("seller")))));
            Response forbidden = endpoint.apply(given().auth().oauth2(TestTokens.token(unique("nobody"))));
            assertProblem(forbidden, 403);
            assertThat(forbidden.jsonPath().getString("title")).isEqualTo("Forbidden");
        }
    }

    @Test
    void everyRefusalWithinReachCarriesATitleThatFitsItsStatus() {
        Line line = Line.open(kafka);
        String token = line.token();
        String conversation = "/api/conversations/" + line.conversationId();
        String record = "/api/records/" + line.record().id() + "/conversations";
        List<Response> refusals = new ArrayList<>();
        // 400
        refusals.add(as(token).get("/api/conversations?limit=0"));
        refusals.add(as(token).get("/api/conversations?recordType=PLANET"));
        refusals.add(as(token).get("/api/conversations?before=not-a-cursor"));
        refusals.add(as(token).get(conversation + "/messages?after=not-a-cursor"));
        refusals.add(as(token).contentType(ContentType.JSON).body("{").post("/api/segment-preview"));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of()).post("/api/segment-preview"));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of()).post(conversation + "/move"));
        refusals.add(as(token).contentType(ContentType.JSON).body("{\"upTo\": 7}").post(conversation + "/read"));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("body", " ")).post(conversation
                + "/messages"));
        refusals.add(as(token).header("Idempotency-Key", "k".repeat(129)).contentType(ContentType.JSON)
                .body(Map.of("body", "Hi")).post(conversation + "/messages"));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("name", "T")).post("/api/templates"));
        refusals.add(as(token).contentType(ContentType.JSON)
                .body(Map.of("businessNumber", line.business())).put(record));
        // 403
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("name", "Org", "category", "CONTACT",
                "language", "en", "body", "Hi", "scope", "ORGANISATION")).post("/api/templates"));
        refusals.add(as(token).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", line.customer(), "businessNumber", Fixtures.number())).put(record));
        // 404
        refusals.add(as(token).get("/api/conversations/" + UUID.randomUUID()));
        refusals.add(as(token).get("/api/conversations/not-a-uuid/messages"));
        refusals.add(as(token).get(conversation + "/messages/" + UUID.randomUUID()));
        refusals.add(as(token).get("/api/records/" + unique("nothing") + "/conversations"));
        refusals.add(as(token).get("/api/templates/" + UUID.randomUUID()));
        refusals.add(as(token).get("/api/no-such-resource"));
        // 405, 406, 415
        refusals.add(as(token).delete("/api/conversations"));
        refusals.add(as(token).accept("application/xml").get("/api/conversations"));
        refusals.add(as(token).contentType(ContentType.TEXT).body("Hi").post("/api/segment-preview"));
        // 412
        String templateId = as(token).contentType(ContentType.JSON)
                .body(Map.of("name", unique("T"), "category", "CONTACT", "language", "en", "body", "Hi"))
                .post("/api/templates").then().statusCode(201).extract().path("id");
        refusals.add(as(token).header("If-Match", "\"41\"").delete("/api/templates/" + templateId));
        // 422: the example first (a customer number that is no phone number)
        refusals.add(as(token).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", "12345", "businessNumber", line.business())).put(record));
        refusals.add(as(token).contentType(ContentType.JSON)
                .body(Map.of("customerNumber", line.customer(), "businessNumber", "not a number")).put(record));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("upTo", UUID.randomUUID().toString()))
                .post(conversation + "/read"));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("recordId", unique("nothing")))
                .post(conversation + "/move"));

        assertThat(refusals).extracting(Response::statusCode)
                .containsOnly(400, 403, 404, 405, 406, 412, 415, 422)
                .contains(400, 403, 404, 405, 406, 412, 415, 422);
        refusals.forEach(refusal -> assertProblem(refusal, refusal.statusCode()));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static void unauthorized(Response response) {
        assertProblem(response, 401);
        assertThat(response.jsonPath().getString("title")).isEqualTo("Unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    /**
     * A problem document: its status, and a title that is the status's standard one when the problem has no type of
     * its own (RFC 9457 section 4.2.1), or a title of its own otherwise; never the server's "Unknown code".
     */
    private static void assertProblem(Response response, int status) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(body).isEqualTo(status);
        String title = response.jsonPath().getString("title");
        String type = response.jsonPath().getString("type");
        assertThat(title).as(body).isNotBlank().isNotEqualTo("Unknown code");
        if (type == null || "about:blank".equals(type)) {
            assertThat(title).as(body).isEqualTo(StandardTitles.of(status));
        }
    }
}
