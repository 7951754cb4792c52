package io.smsconversations.routing;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.restproblems.StandardTitles;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Every refusal of the admin API is an RFC 9457 problem with a title that fits its status: the four ways a caller
 * fails authentication or authorisation on each resource, and a walk over the refusals that need no set-up.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class ProblemDetailsTest {

    /** One endpoint per resource class. */
    private static final List<Function<RequestSpecification, Response>> ENDPOINTS = List.of(
            spec -> spec.get("/api/admin/records/" + unique("record")),
            spec -> spec.contentType(ContentType.JSON).body(Map.of("id", "t", "name", "T"))
                    .put("/api/admin/teams/" + unique("team")),
            spec -> spec.contentType("application/x-ndjson").body(new byte[0]).post("/api/admin/records/import"),
            spec -> spec.get("/api/admin/routing-decisions/twilio/" + unique("SM")));

    @Test
    void noTokenABadOneAnExpiredOneAndAMissingRoleAreProblemsWithTheChallenge() {
        String valid = admin();
        String forged = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (Function<RequestSpecification, Response> endpoint : ENDPOINTS) {
            unauthorized(endpoint.apply(given()));
            unauthorized(endpoint.apply(given().auth().oauth2("not-a-token")));
            unauthorized(endpoint.apply(given().auth().oauth2(forged)));
            unauthorized(endpoint.apply(given().auth().oauth2(TestTokens.expiredSeller(unique("seller")))));
            Response forbidden = endpoint.apply(given().auth().oauth2(TestTokens.seller(unique("seller"))));
            assertProblem(forbidden, 403);
            assertThat(forbidden.jsonPath().getString("title")).isEqualTo("Forbidden");
        }
    }

    @Test
    void everyRefusalWithinReachCarriesATitleThatFitsItsStatus() {
        String token = admin();
        List<Response> refusals = new ArrayList<>();
        // 400: a bad query, a bad body (bean validation, the normaliser, broken JSON), a bad Content-Length
        refusals.add(as(token).get("/api/admin/records?phone=not-a-phone"));
        refusals.add(as(token).contentType(ContentType.JSON).body("{\"active\":true}")
                .put("/api/admin/records/" + unique("record")));
        refusals.add(as(token).contentType(ContentType.JSON).body("{").put("/api/admin/records/" + unique("r")));
        refusals.add(as(token).contentType(ContentType.JSON).body(Map.of("type", "CONTACT", "name", "Ada",
                "phones", List.of(Map.of("kind", "MOBILE", "number", "12")))).put("/api/admin/records/"
                        + unique("record")));
        // 404
        refusals.add(as(token).get("/api/admin/records/" + unique("nothing")));
        refusals.add(as(token).get("/api/admin/sellers/" + unique("nobody")));
        refusals.add(as(token).get("/api/admin/teams/" + unique("none")));
        refusals.add(as(token).get("/api/admin/business-numbers/%2B14255550000"));
        refusals.add(as(token).get("/api/admin/routing-decisions/twilio/" + unique("SM")));
        refusals.add(as(token).get("/api/admin/no-such-resource"));
        // 405, 413, 415
        refusals.add(as(token).delete("/api/admin/records"));
        refusals.add(as(token).contentType(ContentType.JSON).body("x".repeat(70 * 1024))
                .put("/api/admin/records/" + unique("big")));
        refusals.add(as(token).contentType(ContentType.TEXT).body("Ada").put("/api/admin/records/" + unique("r")));

        assertThat(refusals).extracting(Response::statusCode)
                .containsOnly(400, 404, 405, 413, 415)
                .contains(400, 404, 405, 413, 415);
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
