package io.smsconversations.conversation.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** The seller console calls this API from its own origin; no other origin may read the answers. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class ConsoleCorsTest {

    private static final String CONSOLE = "http://localhost:8085";

    @Test
    void allowsTheConsolesPreflightWithTheHeadersASendNeeds() {
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .when().options("/api/conversations/00000000-0000-4000-8000-000000000000/messages")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", CONSOLE)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
    }

    @Test
    void answersTheConsoleAndExposesLocation() {
        given().header("Origin", CONSOLE).auth().oauth2(TestTokens.seller("cors-seller"))
                .when().get("/api/sending-numbers").then().statusCode(200)
                .header("Access-Control-Allow-Origin", CONSOLE)
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void refusesAnotherOrigin() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/conversations").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
