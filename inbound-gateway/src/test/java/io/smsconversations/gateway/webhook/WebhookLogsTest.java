package io.smsconversations.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.gateway.CapturedLogs;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.provider.acs.AcsEventGridWebhook;
import io.smsconversations.gateway.provider.twilio.TwilioMessageWebhook;
import io.smsconversations.gateway.provider.twilio.TwilioSignature;
import io.smsconversations.gateway.provider.vonage.VonageWebhook;

/**
 * Query strings carry personal data and secrets (Vonage's GET callbacks: msisdn and text; the ACS subscription URL:
 * its ?code=), and problem details are logged (the "http-problem" lines): whatever a caller puts in a query string,
 * refused or accepted, no log line of the gateway quotes it, the access log included.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class WebhookLogsTest {

    private static final String NUMBER = "14255550166";

    @ConfigProperty(name = "gateway.acs.webhook-secret")
    String acsSecret;

    @ConfigProperty(name = "gateway.acs.subscription-name")
    String subscription;

    @Test
    void noLogLineQuotesTheNumbersTextsOrSecretsOfAQueryString() {
        String text = "Meet me at five " + UUID.randomUUID();
        String strangersSecret = "s3cret-" + UUID.randomUUID();
        String query = "msisdn=" + NUMBER + "&to=12065550188&text=" + encode(text) + "&type=text&timestamp="
                + Instant.now().getEpochSecond();

        try (CapturedLogs logs = CapturedLogs.start()) {
            // Vonage by GET, forged: refused for its signature, with a number and a text in the query.
            given().urlEncodingEnabled(false).when().get(VonageWebhook.INBOUND_PATH + "?" + query + "&messageId=A1"
                    + "&sig=forged").then().statusCode(403);
            // A parameter named like a number, repeated: refused before any signature check.
            given().urlEncodingEnabled(false).when().get(VonageWebhook.INBOUND_PATH + "?" + NUMBER + "=a&" + NUMBER
                    + "=b").then().statusCode(400).body("detail", not(containsString(NUMBER)));
            // Twilio signs the whole URL; a stranger's query string is not quoted in the 403's detail.
            given().urlEncodingEnabled(false).header(TwilioSignature.HEADER, "forged")
                    .contentType("application/x-www-form-urlencoded").body("MessageSid=SMx")
                    .when().post(TwilioMessageWebhook.PATH + "?" + query).then()
                    .statusCode(403)
                    .body("detail", containsString(TwilioMessageWebhook.PATH))
                    .body("detail", not(containsString(NUMBER)));
            // ACS: a wrong secret in ?code= (someone else's), and the right one with a batch that is skipped.
            given().urlEncodingEnabled(false).contentType("application/json").body("[]")
                    .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription)
                    .when().post(AcsEventGridWebhook.PATH + "?code=" + strangersSecret + "&" + query).then()
                    .statusCode(403);
            given().urlEncodingEnabled(false).contentType("application/json")
                    .header(AcsEventGridWebhook.SUBSCRIPTION_HEADER, subscription)
                    .body("[{\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"MessageId\":\"m\","
                            + "\"From\":\"" + NUMBER + "\",\"To\":\"ACME\",\"Message\":\"" + text + "\"}}]")
                    .when().post(AcsEventGridWebhook.PATH + "?code=" + acsSecret + "&" + query).then()
                    .statusCode(200);

            // The access log line is written when the response ends: wait for all five.
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.containing("/webhooks/").stream()
                    .filter(line -> line.contains("access-log")).count() >= 5);
            assertThat(logs.lines())
                    .noneMatch(line -> line.contains(NUMBER.substring(1)))
                    .noneMatch(line -> line.contains("Meet me at five"))
                    .noneMatch(line -> line.contains(strangersSecret))
                    .noneMatch(line -> line.contains(acsSecret))
                    .noneMatch(line -> line.contains("msisdn"));
            assertThat(logs.containing("access-log")).anyMatch(line -> line.contains("GET "
                    + VonageWebhook.INBOUND_PATH + " HTTP/1.1\" 403"));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
