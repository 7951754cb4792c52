package io.smsconversations.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The page, the settings it starts from, and the headers that keep it to its own APIs. */
@QuarkusTest
class ConsoleServingTest {

    @Test
    void servesThePageBuiltByVite() {
        String page = given().get("/").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .contentType(containsString("text/html"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(page).contains("<div id=\"app\">").containsPattern(
                "<script type=\"module\" crossorigin src=\"/assets/index-[\\w-]+\\.js\"></script>");
    }

    @Test
    void theSettingsNameTheApisAndTheOidcClient() {
        given().get("/settings.json").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("conversationApi", equalTo("http://localhost:8083"))
                .body("notificationApi", equalTo("http://localhost:8084"))
                .body("authority", equalTo("http://localhost:8280/realms/sms-conversations"))
                .body("clientId", equalTo("seller-console"));
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyItsOwnScriptsAndTheConfiguredServers() {
        given().get("/settings.json").then()
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString(
                        "connect-src 'self' http://localhost:8083 http://localhost:8084 http://localhost:8280;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void anUnknownPathIsNotFoundAndAssetsAreNotMarkedNoStore() {
        given().get("/no-such-page").then().statusCode(404);
        String script = given().get("/").then().extract().asString()
                .replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        given().get(script).then().statusCode(200).header("Cache-Control", not(containsString("no-store")));
    }

    @Test
    void healthAndMetricsAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/settings.json"));
    }
}
