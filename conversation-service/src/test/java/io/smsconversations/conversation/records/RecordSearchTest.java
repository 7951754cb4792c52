package io.smsconversations.conversation.records;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.publishSeller;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.records.ViewFixtures.publishRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.TestTokens;

/** Finding the target of a move by name: only records the caller may see, matched literally, refusals in words. */
@QuarkusTest
@WithTestResource(value = io.smsconversations.testing.SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = io.smsconversations.testing.SuiteInfrastructureResource.DATABASE,
                value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class RecordSearchTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void findsTheCallersAndTheirTeamsRecordsByAnyPartOfTheNameButNotOthers() {
        String tag = unique("Zq").replaceAll("[^A-Za-z0-9]", "");
        String team = unique("team");
        String alice = unique("alice");
        String bob = unique("bob");
        publishSeller(kafka, alice, team);
        publishSeller(kafka, bob);
        DirectoryRecord own = publishRecord(kafka, RecordType.CONTACT, "Grace " + tag + " Hopper", Owner.seller(alice),
                List.of(), null, List.of());
        DirectoryRecord teams = publishRecord(kafka, RecordType.ACCOUNT, "Acme " + tag, Owner.team(team), List.of(),
                null, List.of());
        DirectoryRecord bobs = publishRecord(kafka, RecordType.CONTACT, "Linus " + tag, Owner.seller(bob), List.of(),
                null, List.of());

        JsonPath admin = awaitMatches(TestTokens.admin(unique("ada")), tag.toLowerCase(), 3);
        assertThat(admin.getList("items.id")).containsExactly(teams.id(), own.id(), bobs.id()); // by name

        JsonPath mine = awaitMatches(TestTokens.seller(alice), tag.toUpperCase(), 2);
        assertThat(mine.getList("items.id")).containsExactly(teams.id(), own.id());
        assertThat(mine.getList("items.type")).containsExactly("ACCOUNT", "CONTACT");
        assertThat(mine.getString("items[1].name")).isEqualTo("Grace " + tag + " Hopper");

        assertThat(search(TestTokens.seller(bob), tag).getList("items.id")).containsExactly(bobs.id());
        assertThat(search(TestTokens.seller(unique("stranger")), tag).getList("items")).isEmpty();
        assertThat(given().auth().oauth2(TestTokens.admin(unique("ada"))).queryParam("name", tag)
                .queryParam("limit", "1").get("/api/records").then().statusCode(200).extract().jsonPath()
                .getList("items")).hasSize(1);
    }

    @Test
    void matchesPercentAndUnderscoreLiterally() {
        String alice = unique("alice");
        publishSeller(kafka, alice);
        String tag = unique("Pc").replaceAll("[^A-Za-z0-9]", "");
        DirectoryRecord percent = publishRecord(kafka, RecordType.LEAD, tag + " 100% sure", Owner.seller(alice),
                List.of(), null, List.of());
        publishRecord(kafka, RecordType.LEAD, tag + " 1000 sure", Owner.seller(alice), List.of(), null, List.of());
        String token = TestTokens.seller(alice);
        awaitMatches(token, tag, 2);
        assertThat(search(token, "0% s").getList("items.id")).containsExactly(percent.id());
        assertThat(search(token, tag + " 1_0").getList("items")).isEmpty();
    }

    @Test
    void refusesAMissingShortOrLongNameAndABadLimitWithAProblem() {
        String token = TestTokens.seller(unique("alice"));
        for (String name : new String[] { null, "", " a ", "x".repeat(101) }) {
            var request = given().auth().oauth2(token);
            if (name != null) {
                request.queryParam("name", name);
            }
            request.get("/api/records").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("name must be 2 to 100 characters"));
        }
        for (String limit : new String[] { "0", "51", "ten" }) {
            given().auth().oauth2(token).queryParam("name", "Grace").queryParam("limit", limit).get("/api/records")
                    .then().statusCode(400).body("detail", equalTo("limit must be a number from 1 to 50"));
        }
        given().queryParam("name", "Grace").get("/api/records").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(unique("nobody"))).queryParam("name", "Grace")
                .get("/api/records").then().statusCode(403);
    }

    private static JsonPath awaitMatches(String token, String name, int count) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> search(token, name), found -> found.getList("items").size() == count);
    }

    private static JsonPath search(String token, String name) {
        return given().auth().oauth2(token).queryParam("name", name).get("/api/records").then().statusCode(200)
                .extract().jsonPath();
    }
}
