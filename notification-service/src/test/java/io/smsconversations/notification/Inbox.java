package io.smsconversations.notification;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/** Reads a seller's notifications through the REST API. */
final class Inbox {

    private Inbox() {
    }

    /** The first page (at most 200) of the caller's notifications, each as a JSON map. */
    static List<Map<String, Object>> of(String token) {
        return given().auth().oauth2(token).queryParam("limit", 200)
                .when().get("/api/notifications")
                .then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> about(String token, String conversationId) {
        return of(token).stream()
                .filter(n -> conversationId.equals(((Map<String, Object>) n.get("link")).get("conversationId")))
                .toList();
    }
}
