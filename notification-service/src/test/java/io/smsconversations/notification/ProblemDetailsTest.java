package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.restproblems.StandardTitles;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Every refusal of the API is an RFC 9457 problem with a title that fits its status: no token, a bad one and an
 * expired one on every endpoint (the live stream included), and a walk over the refusals that need no set-up. Any
 * signed-in seller may use this API (the notification that the Seller privilege is missing must reach those who lack
 * it), so no role is required and there is no 403 to check.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class ProblemDetailsTest {

    private static final List<Function<RequestSpecification, Response>> ENDPOINTS = List.of(
            spec -> spec.get("/api/notifications"),
            spec -> spec.get("/api/notifications/unread-count"),
            spec -> spec.post("/api/notifications/1/read"),
            spec -> spec.post("/api/notifications/read-all"),
            spec -> spec.accept("text/event-stream").get("/api/notifications/stream"));

    @Test
    void noTokenABadOneAndAnExpiredOneAreProblemsWithTheChallenge() {
        String valid = TestTokens.seller(unique("seller"));
        String forged = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (Function<RequestSpecification, Response> endpoint : ENDPOINTS) {
            unauthorized(endpoint.apply(given()));
            unauthorized(endpoint.apply(given().auth().oauth2("not-a-token")));
            unauthorized(endpoint.apply(given().auth().oauth2(forged)));
            unauthorized(endpoint.apply(given().auth().oauth2(TestTokens.expiredSeller(unique("seller")))));
        }
    }

    @Test
    void everyRefusalWithinReachCarriesATitleThatFitsItsStatus() {
        String token = TestTokens.seller(unique("seller"));
        List<Response> refusals = new ArrayList<>();
        // 400
        refusals.add(as(token).get("/api/notifications?limit=0"));
        refusals.add(as(token).get("/api/notifications?before=abc"));
        refusals.add(as(token).get("/api/notifications?order=oldest"));
        refusals.add(as(token).accept("text/event-stream").header("Last-Event-ID", "abc")
                .get("/api/notifications/stream"));
        // 404
        refusals.add(as(token).post("/api/notifications/" + Long.MAX_VALUE + "/read"));
        refusals.add(as(token).post("/api/notifications/abc/read"));
        refusals.add(as(token).get("/api/no-such-resource"));
        // 405, 406
        refusals.add(as(token).delete("/api/notifications"));
        refusals.add(as(token).accept("application/xml").get("/api/notifications/unread-count"));

        assertThat(refusals).extracting(Response::statusCode)
                .containsOnly(400, 404, 405, 406)
                .contains(400, 404, 405, 406);
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
