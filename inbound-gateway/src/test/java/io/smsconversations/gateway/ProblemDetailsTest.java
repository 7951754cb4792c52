package io.smsconversations.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smsconversations.restproblems.StandardTitles;

/**
 * Every refusal of the gateway is an RFC 9457 problem with a title that fits its status. The gateway has no OIDC:
 * its 403s are the providers' own schemes refusing an unsigned callback, one per webhook here (each scheme's other
 * refusals are in its adapter's tests), plus the refusals that need no signature at all.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ProblemDetailsTest {

    @Test
    void everyRefusalWithinReachCarriesATitleThatFitsItsStatus() {
        List<Response> refusals = new ArrayList<>();
        // 403: nothing signed
        refusals.add(given().contentType(ContentType.URLENC).formParam("MessageSid", "SM1")
                .post("/webhooks/twilio/messages"));
        refusals.add(given().contentType(ContentType.URLENC).formParam("MessageSid", "SM1")
                .post("/webhooks/twilio/status"));
        refusals.add(given().contentType(ContentType.JSON).body("[]").post("/webhooks/acs/events"));
        refusals.add(given().contentType(ContentType.JSON).body("{\"results\":[]}")
                .post("/webhooks/infobip/inbound"));
        refusals.add(given().contentType(ContentType.JSON).body("{\"results\":[]}")
                .post("/webhooks/infobip/delivery-reports"));
        refusals.add(given().queryParam("msisdn", "14255550100").get("/webhooks/vonage/inbound"));
        refusals.add(given().queryParam("msisdn", "14255550100").get("/webhooks/vonage/delivery-receipt"));
        refusals.add(given().contentType(ContentType.JSON).body("{}").post("/webhooks/telesign/callbacks"));
        refusals.add(given().contentType(ContentType.JSON).body("{}").post("/webhooks/linkmobility/delivery-reports"));
        refusals.add(given().contentType(ContentType.JSON).body("{}").post("/webhooks/linkmobility/inbound"));
        // 404, 405, 415
        refusals.add(given().post("/webhooks/no-such-provider"));
        refusals.add(given().get("/webhooks/twilio/messages"));
        refusals.add(given().contentType(ContentType.TEXT).body("x").post("/webhooks/twilio/messages"));

        assertThat(refusals).extracting(Response::statusCode).containsOnly(403, 404, 405, 415)
                .contains(403, 404, 405, 415);
        refusals.forEach(refusal -> assertProblem(refusal, refusal.statusCode()));
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
