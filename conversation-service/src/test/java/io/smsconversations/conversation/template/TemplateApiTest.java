package io.smsconversations.conversation.template;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.template.TemplateFixtures.PROBLEM_JSON;
import static io.smsconversations.conversation.template.TemplateFixtures.create;
import static io.smsconversations.conversation.template.TemplateFixtures.created;
import static io.smsconversations.conversation.template.TemplateFixtures.organisation;
import static io.smsconversations.conversation.template.TemplateFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** SPEC §5 templates: CRUD, who may do what, and what a template must be to be saved. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class TemplateApiTest {

    private static final String BODY = "Hi {{ContactFirstName|there}}, {{UserFirstName}} here.";

    @Test
    void aSellerCreatesReadsChangesAndDeletesAPersonalTemplate() {
        String alice = unique("alice");
        String token = TestTokens.seller(alice);

        ExtractableResponse<Response> created = create(token, template("  Follow-up  ", "CONTACT", "EN-us", BODY));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonPath json = created.jsonPath();
        String id = json.getString("id");
        assertThat(created.header("Location")).endsWith("/api/templates/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(json.getString("name")).isEqualTo("Follow-up");
        assertThat(json.getString("category")).isEqualTo("CONTACT");
        assertThat(json.getString("language")).isEqualTo("en-US");
        assertThat(json.getString("body")).isEqualTo(BODY);
        assertThat(json.getString("scope")).isEqualTo("PERSONAL");
        assertThat(json.getString("ownerId")).isEqualTo(alice);
        assertThat(json.getList("placeholders")).containsExactly("ContactFirstName", "UserFirstName");
        assertThat(json.getBoolean("editable")).isTrue();
        assertThat(json.getLong("version")).isZero();
        assertThat(json.getString("createdAt")).isEqualTo(json.getString("updatedAt"));

        given().auth().oauth2(token).when().get("/api/templates/" + id)
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("name", equalTo("Follow-up")).body("body", equalTo(BODY));
        assertThat(ids(token, "")).contains(id);

        String changedBody = "Bonjour {{ContactFirstName|}} !";
        ExtractableResponse<Response> changed = put(token, id, "\"0\"",
                template("Relance", "LEAD", "fr-ca", changedBody));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        assertThat(changed.jsonPath().getString("name")).isEqualTo("Relance");
        assertThat(changed.jsonPath().getString("category")).isEqualTo("LEAD");
        assertThat(changed.jsonPath().getString("language")).isEqualTo("fr-CA");
        assertThat(changed.jsonPath().getString("body")).isEqualTo(changedBody);
        assertThat(changed.jsonPath().getLong("version")).isEqualTo(1);
        given().auth().oauth2(token).when().get("/api/templates/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Relance"));

        // A change based on the version before: refused, nothing changes.
        ExtractableResponse<Response> stale = put(token, id, "\"0\"", template("Lost", "LEAD", "fr", changedBody));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith(PROBLEM_JSON);
        assertThat(stale.jsonPath().getString("reason")).isEqualTo("stale-version");
        assertThat(stale.jsonPath().getLong("currentVersion")).isEqualTo(1);
        assertThat(put(token, id, "W/\"garbage\"", template("Lost", "LEAD", "fr", changedBody)).statusCode())
                .isEqualTo(412);
        given().auth().oauth2(token).header("If-Match", "\"0\"").when().delete("/api/templates/" + id)
                .then().statusCode(412).body("reason", equalTo("stale-version"));
        given().auth().oauth2(token).when().get("/api/templates/" + id)
                .then().statusCode(200).body("name", equalTo("Relance"));

        // Without If-Match the last write wins.
        assertThat(put(token, id, null, template("Relance 2", "LEAD", "fr", changedBody)).jsonPath()
                .getLong("version")).isEqualTo(2);

        given().auth().oauth2(token).header("If-Match", "\"2\"").when().delete("/api/templates/" + id)
                .then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/templates/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON).body("reason", equalTo("template-not-found"));
        assertThat(ids(token, "")).doesNotContain(id);
    }

    @Test
    void someoneElsesPersonalTemplateDoesNotExistForTheCaller() {
        String alice = TestTokens.seller(unique("alice"));
        String id = created(alice, template("Mine", "CONTACT", "en", BODY));

        for (String other : List.of(TestTokens.seller(unique("bob")), TestTokens.admin(unique("admin")))) {
            JsonPath hidden = given().auth().oauth2(other).when().get("/api/templates/" + id)
                    .then().statusCode(404).contentType(PROBLEM_JSON).extract().jsonPath();
            JsonPath missing = given().auth().oauth2(other).when().get("/api/templates/" + UUID.randomUUID())
                    .then().statusCode(404).contentType(PROBLEM_JSON).extract().jsonPath();
            assertThat(hidden.getString("detail")).isEqualTo(missing.getString("detail"))
                    .isEqualTo("There is no template with this id that you may see");
            assertThat(hidden.getString("reason")).isEqualTo("template-not-found");
            assertThat(put(other, id, null, template("Taken", "CONTACT", "en", BODY)).statusCode()).isEqualTo(404);
            given().auth().oauth2(other).when().delete("/api/templates/" + id).then().statusCode(404);
            assertThat(TemplateFixtures.preview(other, id, TemplateFixtures.target(unique("r"), null, null))
                    .statusCode()).isEqualTo(404);
            assertThat(ids(other, "")).doesNotContain(id);
        }
        given().auth().oauth2(alice).when().get("/api/templates/" + id)
                .then().statusCode(200).body("name", equalTo("Mine"));
        given().auth().oauth2(alice).when().get("/api/templates/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void onlyAnAdminManagesOrganisationTemplatesWhichEverySellerUses() {
        String seller = TestTokens.seller(unique("seller"));
        String admin = TestTokens.admin(unique("admin"));
        Map<String, Object> request = organisation(template("Welcome", "ACCOUNT", "en", "Welcome {{AccountName}}"));

        ExtractableResponse<Response> refused = create(seller, request);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("organisation-template-admin-only");
        assertThat(refused.jsonPath().getString("detail"))
                .isEqualTo("Only an sms-admin may create organisation templates");

        ExtractableResponse<Response> created = create(admin, request);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.jsonPath().getString("id");
        assertThat(created.jsonPath().getString("scope")).isEqualTo("ORGANISATION");
        assertThat(created.jsonPath().getString("ownerId")).isNull();
        assertThat(created.jsonPath().getBoolean("editable")).isTrue();

        given().auth().oauth2(seller).when().get("/api/templates/" + id)
                .then().statusCode(200).body("scope", equalTo("ORGANISATION")).body("editable", equalTo(false))
                .body("ownerId", nullValue());
        assertThat(ids(seller, "?category=ACCOUNT")).contains(id);

        ExtractableResponse<Response> change = put(seller, id, null,
                template("Mine now", "ACCOUNT", "en", "Hello"));
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(change.jsonPath().getString("detail"))
                .isEqualTo("Only an sms-admin may change organisation templates");
        given().auth().oauth2(seller).when().delete("/api/templates/" + id)
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("reason", equalTo("organisation-template-admin-only"))
                .body("detail", equalTo("Only an sms-admin may delete organisation templates"));

        // The scope stays what it was.
        ExtractableResponse<Response> scopeChange = put(admin, id, null,
                Map.of("name", "Welcome", "category", "ACCOUNT", "language", "en", "body", "Hi",
                        "scope", "PERSONAL"));
        assertThat(scopeChange.statusCode()).isEqualTo(400);
        assertThat(scopeChange.jsonPath().getString("reason")).isEqualTo("scope-change");
        assertThat(scopeChange.jsonPath().getString("field")).isEqualTo("scope");

        assertThat(put(admin, id, "\"0\"", template("Welcome!", "ACCOUNT", "en", "Welcome, {{AccountName}}"))
                .jsonPath().getString("name")).isEqualTo("Welcome!");
        given().auth().oauth2(seller).when().get("/api/templates/" + id)
                .then().statusCode(200).body("name", equalTo("Welcome!")).body("version", equalTo(1));
        given().auth().oauth2(admin).when().delete("/api/templates/" + id).then().statusCode(204);
        given().auth().oauth2(seller).when().get("/api/templates/" + id).then().statusCode(404);
    }

    @Test
    void theListHoldsMyTemplatesAndTheOrganisationsFilteredByCategoryAndLanguage() {
        String me = TestTokens.seller(unique("me"));
        String admin = TestTokens.admin(unique("admin"));
        String english = created(me, template("A english", "CONTACT", "en", "Hi"));
        String american = created(me, template("B american", "CONTACT", "en-US", "Hi"));
        String french = created(me, template("C french", "CONTACT", "fr", "Salut"));
        String account = created(me, template("D account", "ACCOUNT", "en", "Hi"));
        String org = created(admin, organisation(template(unique("E org"), "CONTACT", "en-GB", "Hello")));
        String othersPersonal = created(TestTokens.seller(unique("other")), template("F", "CONTACT", "en", "Hi"));

        List<String> all = ids(me, "");
        assertThat(all).contains(english, american, french, account, org).doesNotContain(othersPersonal);
        assertThat(ids(me, "?category=CONTACT&language=en")).contains(english, american, org)
                .doesNotContain(french, account, othersPersonal);
        assertThat(ids(me, "?category=contact&language=en-us")).contains(american)
                .doesNotContain(english, french, account, org);
        assertThat(ids(me, "?language=fr")).contains(french).doesNotContain(english, american, account, org);
        assertThat(ids(me, "?category=ACCOUNT")).contains(account).doesNotContain(english, american, french, org);
        // Sorted by name.
        List<String> mine = ids(me, "?category=CONTACT&language=en");
        assertThat(mine.indexOf(english)).isLessThan(mine.indexOf(american));

        given().auth().oauth2(me).when().get("/api/templates?category=PERSON")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("reason", equalTo("category-invalid")).body("field", equalTo("category"))
                .body("detail", containsString("PERSON"));
        given().auth().oauth2(me).when().get("/api/templates?language=english")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("reason", equalTo("language-invalid")).body("field", equalTo("language"));
    }

    /**
     * A refused template is a 400 problem naming its reason and field (and the offending placeholders with the known
     * ones); every rule, one by one, is {@code TemplateRulesTest}'s (fast layer).
     */
    @Test
    void aTemplateThatCannotBeFilledIsRefusedWithItsReason() {
        String token = TestTokens.seller(unique("seller"));

        assertRefused(token, template(null, "CONTACT", "en", BODY), "name-missing", "name");
        assertRefused(token, template("T", "CONTACT", "english", BODY), "language-invalid", "language");
        JsonPath tooLong = assertRefused(token, template("T", "CONTACT", "en", "a".repeat(1601)),
                "body-too-long", "body");
        assertThat(tooLong.getString("detail")).isEqualTo("The body is 1601 characters long; at most 1600 are allowed");

        JsonPath unknown = assertRefused(token,
                template("T", "CONTACT", "en", "Hi {{FirstName}} {{RecordName}} {{Nickname|you}}"),
                "unknown-placeholder", "body");
        assertThat(unknown.getList("placeholders")).containsExactly("FirstName", "Nickname");
        assertThat(unknown.getList("knownPlaceholders")).contains("RecordName", "ContactFirstName", "UserFirstName",
                "BusinessNumberName");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"T\",\"category\":\"PERSON\",\"language\":\"en\",\"body\":\"Hi\"}")
                .when().post("/api/templates").then().statusCode(400).contentType(PROBLEM_JSON);

        // The longest body and every known field are fine.
        String longest = "{{RecordName}}" + "a".repeat(1600 - "{{RecordName}}".length());
        assertThat(create(token, template("Longest", "CONTACT", "en", longest)).statusCode()).isEqualTo(201);

        // An update is checked like a create, and a refused one changes nothing.
        String id = created(token, template("Fine", "CONTACT", "en", BODY));
        assertThat(put(token, id, null, template("Fine", "CONTACT", "en", "{{Nope}}")).jsonPath()
                .getString("reason")).isEqualTo("unknown-placeholder");
        given().auth().oauth2(token).when().get("/api/templates/" + id)
                .then().statusCode(200).body("body", equalTo(BODY)).body("version", equalTo(0));
    }

    @Test
    void theApiNeedsAValidTokenWithARole() {
        given().when().get("/api/templates").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(TestTokens.token(unique("nobody"), "viewer")).when().get("/api/templates")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.token(unique("nobody"), "viewer")).contentType(ContentType.JSON)
                .body(template("T", "CONTACT", "en", "Hi")).when().post("/api/templates").then().statusCode(403);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        JsonPath api = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = api.getMap("paths");
        assertThat(paths).containsKeys("/api/templates", "/api/templates/{id}", "/api/templates/{id}/preview",
                "/api/templates/preview");
        assertThat(api.getMap("paths.'/api/templates/{id}'.put.responses")).containsKeys("200", "400", "403", "404",
                "412");
        assertThat(api.getMap("components.schemas")).containsKeys("Template", "TemplateRequest", "RenderedTemplate");
    }

    private static JsonPath assertRefused(String token, Map<String, Object> request, String reason, String field) {
        ExtractableResponse<Response> response = create(token, request);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        JsonPath json = response.jsonPath();
        assertThat(json.getString("reason")).as(response.asString()).isEqualTo(reason);
        assertThat(json.getString("field")).isEqualTo(field);
        assertThat(json.getInt("status")).isEqualTo(400);
        return json;
    }

    private static ExtractableResponse<Response> put(String token, String id, String ifMatch,
            Map<String, Object> request) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(request);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.when().put("/api/templates/" + id).then().extract();
    }

    private static List<String> ids(String token, String query) {
        return given().auth().oauth2(token).when().get("/api/templates" + query)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("items.id");
    }
}
