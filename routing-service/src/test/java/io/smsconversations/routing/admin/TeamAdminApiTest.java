package io.smsconversations.routing.admin;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** Teams by name: the admin API publishes to directory.teams, the service learns them from there. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class TeamAdminApiTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();
    private static final String DLQ = Topics.DIRECTORY_TEAMS + ".dlq.routing-service";

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aTeamIsPublishedStoredListedWithItsMembersRenamedAndDeleted() {
        String id = unique("team");
        String nina = unique("nina");
        String sam = unique("sam");
        put("/api/admin/sellers/" + nina, new Seller(nina, "Nina", List.of(id), true), Seller.class);
        put("/api/admin/sellers/" + sam, new Seller(sam, "Sam", List.of(id, "other-team"), false), Seller.class);

        Team answered = put("/api/admin/teams/" + id, new Team(null, "  West Coast "), Team.class);

        assertThat(answered).isEqualTo(new Team(id, "West Coast"));
        CloudEventRecord published = KAFKA.awaitOne(Topics.DIRECTORY_TEAMS, e -> id.equals(e.key()), WAIT);
        assertThat(published.type()).isEqualTo(EventTypes.DIRECTORY_TEAM_UPSERTED);
        assertThat(published.source()).isEqualTo(EventTypes.SOURCE_ROUTING_SERVICE);
        assertThat(published.dataAs(Team.class)).isEqualTo(new Team(id, "West Coast"));
        TeamView expected = new TeamView(id, "West Coast", List.of(nina, sam).stream().sorted().toList());
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/teams/" + id, TeamView.class))
                .isEqualTo(expected));
        assertThat(Arrays.stream(get("/api/admin/teams", TeamView[].class)).filter(t -> id.equals(t.id())))
                .containsExactly(expected);

        put("/api/admin/teams/" + id, new Team(id, "West"), Team.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/teams/" + id, TeamView.class).name())
                .isEqualTo("West"));

        given().auth().oauth2(admin()).when().delete("/api/admin/teams/" + id).then().statusCode(202);
        assertThat(KAFKA.await(Topics.DIRECTORY_TEAMS, e -> id.equals(e.key()), 3, WAIT).get(2).value()).isNull();
        await().atMost(WAIT).until(() -> get("/api/admin/teams/" + id, TeamView.class) == null);
        // Membership is the sellers' to say: deleting the name leaves it alone.
        assertThat(get("/api/admin/sellers/" + nina, Seller.class).teamIds()).containsExactly(id);
    }

    @Test
    void anInvalidTeamIsRefusedAndNothingIsPublished() {
        String id = unique("team");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(new Team("another", " ")))
                .when().put("/api/admin/teams/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("team " + id + ": id: 'another' does not match '" + id
                        + "' in the path or key; name: is required"))
                .body("violations.field", equalTo(List.of("id", "name")))
                .body("violations[0].in", equalTo("body"));
        given().auth().oauth2(admin()).when().get("/api/admin/teams/" + id)
                .then().statusCode(404).contentType("application/problem+json");

        assertThat(KAFKA.collect(Topics.DIRECTORY_TEAMS, e -> id.equals(e.key()), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void onlyAdminsManageTeams() {
        given().auth().oauth2(TestTokens.seller("sam")).contentType(ContentType.JSON).body(json(new Team("t", "T")))
                .when().put("/api/admin/teams/t").then().statusCode(403);
        given().auth().oauth2(TestTokens.seller("sam")).when().get("/api/admin/teams").then().statusCode(403);
        given().auth().oauth2(TestTokens.seller("sam")).when().delete("/api/admin/teams/t").then().statusCode(403);
        given().when().get("/api/admin/teams").then().statusCode(401);
    }

    @Test
    void aTeamPublishedByTheCrmIsStoredAndAnUnreadableOneIsDeadLettered() {
        String id = unique("team");
        String bad = unique("team");
        KAFKA.publishEvent(Topics.DIRECTORY_TEAMS, bad, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_TEAM_UPSERTED, new Team(bad, null));
        KAFKA.publishEvent(Topics.DIRECTORY_TEAMS, bad, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_SELLER_UPSERTED, new Team(bad, "Wrong type"));
        // The CRM may write plain records without CloudEvents headers.
        KAFKA.publishRaw(Topics.DIRECTORY_TEAMS, id, json(new Team(id, "North")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/teams/" + id, TeamView.class))
                .isEqualTo(new TeamView(id, "North", List.of())));
        assertThat(awaitRaw(DLQ, r -> bad.equals(r.key()), 2, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly("team " + bad + ": name: is required",
                        "unexpected CloudEvents type on directory.teams ('" + EventTypes.DIRECTORY_SELLER_UPSERTED
                                + "'), expected " + EventTypes.DIRECTORY_TEAM_UPSERTED);
        assertThat(get("/api/admin/teams/" + bad, TeamView.class)).isNull();
    }
}
