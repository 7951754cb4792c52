package io.smsconversations.conversation.encoding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class SegmentPreviewApiTest {

    @Test
    void aSellerSeesHowATextWithAnExtensionCharacterTravels() {
        given().auth().oauth2(TestTokens.seller("sara")).contentType(ContentType.JSON)
                .body("{\"text\":\"Only 5€ today\"}")
                .when().post("/api/segment-preview")
                .then().statusCode(200)
                .body("encoding", equalTo("GSM_7"))
                .body("characters", equalTo(13))
                .body("units", equalTo(14))
                .body("segments", equalTo(1))
                .body("unitsPerSegment", equalTo(160));
    }

    @Test
    void aUcs2TextIsCountedInCodeUnits() {
        given().auth().oauth2(TestTokens.seller("sara")).contentType(ContentType.JSON)
                .body("{\"text\":\"Grazie! 🙂\"}")
                .when().post("/api/segment-preview")
                .then().statusCode(200)
                .body("encoding", equalTo("UCS_2"))
                .body("units", equalTo(10))
                .body("unitsPerSegment", equalTo(70));
    }

    @Test
    void aMissingOrOverlongTextIsABadRequestNamingTheField() {
        given().auth().oauth2(TestTokens.seller("sara")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/segment-preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(equalTo("text")));
        given().auth().oauth2(TestTokens.seller("sara")).contentType(ContentType.JSON)
                .body("{\"text\":\"" + "a".repeat(1601) + "\"}")
                .when().post("/api/segment-preview")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                .when().post("/api/segment-preview")
                .then().statusCode(401);
    }
}
