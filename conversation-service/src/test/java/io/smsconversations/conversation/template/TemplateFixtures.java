package io.smsconversations.conversation.template;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;

/** Requests of the template API and directory entries with the names a filling needs. */
final class TemplateFixtures {

    static final String PROBLEM_JSON = "application/problem+json";

    private TemplateFixtures() {
    }

    static Map<String, Object> template(String name, String category, String language, String body) {
        Map<String, Object> request = new HashMap<>();
        request.put("name", name);
        request.put("category", category);
        request.put("language", language);
        request.put("body", body);
        return request;
    }

    static Map<String, Object> organisation(Map<String, Object> request) {
        Map<String, Object> copy = new HashMap<>(request);
        copy.put("scope", "ORGANISATION");
        return copy;
    }

    static ExtractableResponse<Response> create(String token, Map<String, Object> request) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(request)
                .when().post("/api/templates").then().extract();
    }

    /** Creates the template and answers its id. */
    static String created(String token, Map<String, Object> request) {
        ExtractableResponse<Response> response = create(token, request);
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.asString());
        }
        return response.jsonPath().getString("id");
    }

    static ExtractableResponse<Response> preview(String token, String templateId, Map<String, Object> request) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(request)
                .when().post("/api/templates/" + templateId + "/preview").then().extract();
    }

    static Map<String, Object> target(String recordId, String businessNumber, Map<String, String> values) {
        Map<String, Object> request = new HashMap<>();
        request.put("recordId", recordId);
        if (businessNumber != null) {
            request.put("businessNumber", businessNumber);
        }
        if (values != null) {
            request.put("values", values);
        }
        return request;
    }

    static void publishSeller(KafkaTestClient kafka, String id, String name, String... teamIds) {
        kafka.publishEvent(Topics.DIRECTORY_SELLERS, id, Fixtures.unique("seller-event"),
                EventTypes.DIRECTORY_SELLER_UPSERTED, new Seller(id, name, List.of(teamIds), true));
    }

    static DirectoryRecord publishRecord(KafkaTestClient kafka, RecordType type, String name, Owner owner,
            String accountId) {
        DirectoryRecord entry = new DirectoryRecord(Fixtures.unique(type.name().toLowerCase()), type, name, owner,
                true, Fixtures.now(), List.of(), accountId);
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, entry.id(), Fixtures.unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, entry);
        return entry;
    }

    static BusinessNumber publishNumber(KafkaTestClient kafka, String name, List<String> sellerIds,
            List<String> teamIds) {
        BusinessNumber entry = new BusinessNumber(Fixtures.number(), name, BusinessNumberType.LONG_CODE, sellerIds,
                teamIds, "twilio");
        kafka.publishEvent(Topics.DIRECTORY_BUSINESS_NUMBERS, entry.number(), Fixtures.unique("number-event"),
                EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED, entry);
        return entry;
    }
}
