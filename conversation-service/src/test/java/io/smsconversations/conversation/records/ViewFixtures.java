package io.smsconversations.conversation.records;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;

/** The directory entries the record views need (phones, opportunity relations, teams), and waits on the API. */
public final class ViewFixtures {

    private ViewFixtures() {
    }

    public static DirectoryRecord publishRecord(KafkaTestClient kafka, RecordType type, String name, Owner owner,
            List<PhoneNumber> phones, String customerId, List<String> relatedContactIds) {
        DirectoryRecord entry = new DirectoryRecord(unique(type.name().toLowerCase()), type, name, owner, true,
                Fixtures.now(), phones, null, customerId, relatedContactIds);
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, entry.id(), unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, entry);
        return entry;
    }

    public static void publishTeam(KafkaTestClient kafka, String teamId, String name) {
        kafka.publishEvent(Topics.DIRECTORY_TEAMS, teamId, unique("team-event"), EventTypes.DIRECTORY_TEAM_UPSERTED,
                new Team(teamId, name));
    }

    public static PhoneNumber mobile(String number) {
        return new PhoneNumber(PhoneKind.MOBILE, number);
    }

    public static PhoneNumber business(String number) {
        return new PhoneNumber(PhoneKind.BUSINESS, number);
    }

    /** {@code +14255550123} written the way a person would: {@code (425) 555-0123}. */
    public static String national(String e164) {
        String digits = e164.substring(2);
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    /** Waits until {@code seller} may send from {@code number} (the seller, the number and its owners are stored). */
    public static void awaitSendingNumber(String token, String number) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).when().get("/api/sending-numbers")
                        .then().statusCode(200).extract().jsonPath().getList("items.number"),
                        numbers -> numbers.contains(number));
    }

    /** Waits until the record view {@code token} gets passes {@code ready}, and answers it. */
    public static JsonPath awaitRecordView(String token, String recordId, Predicate<JsonPath> ready) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var response = given().auth().oauth2(token).when()
                            .get("/api/records/" + recordId + "/conversations").then().extract();
                    return response.statusCode() == 200 ? response.jsonPath() : null;
                }, view -> view != null && ready.test(view));
    }

    /** Waits until {@code token} sees the record's conversation between the two numbers, and answers its id. */
    public static String awaitConversationOf(String token, String recordId, String customerNumber,
            String businessNumber) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> Fixtures.conversations(token, "?limit=200").stream()
                        .filter(c -> customerNumber.equals(c.get("customerNumber"))
                                && businessNumber.equals(c.get("businessNumber"))
                                && recordId.equals(((Map<?, ?>) c.get("record")).get("id")))
                        .map(c -> (String) c.get("id"))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(JsonPath view, String path) {
        return (List<Map<String, Object>>) (List<?>) view.getList(path);
    }
}
