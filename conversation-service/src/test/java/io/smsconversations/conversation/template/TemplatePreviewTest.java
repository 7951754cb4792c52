package io.smsconversations.conversation.template;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.unique;
import static io.smsconversations.conversation.template.TemplateFixtures.PROBLEM_JSON;
import static io.smsconversations.conversation.template.TemplateFixtures.created;
import static io.smsconversations.conversation.template.TemplateFixtures.organisation;
import static io.smsconversations.conversation.template.TemplateFixtures.preview;
import static io.smsconversations.conversation.template.TemplateFixtures.publishNumber;
import static io.smsconversations.conversation.template.TemplateFixtures.publishRecord;
import static io.smsconversations.conversation.template.TemplateFixtures.publishSeller;
import static io.smsconversations.conversation.template.TemplateFixtures.target;
import static io.smsconversations.conversation.template.TemplateFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
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
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Filling templates from the directory projection (SPEC §5): the record, its account, the sender and the business
 * number; defaults for empty fields; the segment preview of the result; 404 for a record the caller may not see.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class TemplatePreviewTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @Test
    void aTemplateIsFilledFromTheRecordItsAccountTheSenderAndTheNumber() {
        String alice = unique("alice");
        String team = unique("team");
        publishSeller(kafka, alice, "Alice van Dijk", team);
        DirectoryRecord account = publishRecord(kafka, RecordType.ACCOUNT, "Analytical Engines Ltd",
                Owner.team(team), null);
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Ada King Lovelace", Owner.team(team),
                account.id());
        BusinessNumber number = publishNumber(kafka, unique("Seattle Sales"), List.of(), List.of(team));
        String token = TestTokens.seller(alice);
        String id = created(token, template("Intro", "CONTACT", "en",
                "Hi {{ContactFirstName}} {{ContactLastName}} ({{ContactFullName}}) of {{AccountName}}, this is "
                        + "{{UserFirstName}} {{UserLastName|}} ({{UserFullName}}) on {{BusinessNumberName}} "
                        + "about {{RecordName}}."));
        String expected = "Hi Ada King Lovelace (Ada King Lovelace) of Analytical Engines Ltd, this is Alice van Dijk "
                + "(Alice van Dijk) on " + number.name() + " about Ada King Lovelace.";

        JsonPath filled = awaitText(token, id, target(contact.id(), number.number(), null), expected);

        assertThat(filled.getString("templateId")).isEqualTo(id);
        assertThat(filled.getList("defaulted")).isEmpty();
        assertThat(filled.getList("empty")).isEmpty();
        assertThat(filled.getBoolean("withinMaxLength")).isTrue();
        assertThat(filled.getString("segments.encoding")).isEqualTo("GSM_7");
        assertThat(filled.getInt("segments.characters")).isEqualTo(expected.length());
        assertThat(filled.getInt("segments.units")).isEqualTo(expected.length());
        assertThat(filled.getInt("segments.segments")).isEqualTo(expected.length() > 160 ? 2 : 1);

        // The account itself fills AccountName with its own name; an admin may fill from any record.
        String accountTemplate = created(token, template("Account", "ACCOUNT", "en", "Dear {{AccountName}}"));
        assertThat(preview(token, accountTemplate, target(account.id(), null, null)).jsonPath().getString("text"))
                .isEqualTo("Dear Analytical Engines Ltd");
        String admin = TestTokens.admin(unique("admin"));
        String orgTemplate = created(admin, organisation(template(unique("Org"), "ACCOUNT", "en",
                "Dear {{RecordName}}, {{UserFirstName|our team}}")));
        JsonPath byAdmin = preview(admin, orgTemplate, target(account.id(), null, null)).jsonPath();
        assertThat(byAdmin.getString("text")).isEqualTo("Dear Analytical Engines Ltd, our team");
        assertThat(byAdmin.getList("defaulted")).containsExactly("UserFirstName");
        assertThat(preview(token, orgTemplate, target(account.id(), null, null)).jsonPath().getString("text"))
                .isEqualTo("Dear Analytical Engines Ltd, Alice");
    }

    @Test
    void emptyFieldsUseTheirDefaultOrComeOutBlankAndTypedValuesWin() {
        String bob = unique("bob");
        String token = TestTokens.seller(bob);
        // Bob is not in the directory: the sender fields are empty. The lead has a one-word name and no account.
        DirectoryRecord lead = publishRecord(kafka, RecordType.LEAD, "Cher", Owner.seller(bob), null);
        String id = created(token, template("Defaults", "LEAD", "en",
                "Hi {{ContactFirstName}} {{ContactLastName|}}! {{UserFirstName|Your seller}} at "
                        + "{{BusinessNumberName|our office}}{{UserLastName}} ✓"));

        JsonPath filled = awaitText(token, id, target(lead.id(), null, null), "Hi Cher ! Your seller at our office ✓");

        assertThat(filled.getList("defaulted")).containsExactly("ContactLastName", "UserFirstName",
                "BusinessNumberName");
        assertThat(filled.getList("empty")).containsExactly("UserLastName");
        // The check mark is not GSM-7: the whole text travels as UCS-2.
        assertThat(filled.getString("segments.encoding")).isEqualTo("UCS_2");
        assertThat(filled.getInt("segments.segments")).isEqualTo(1);

        Map<String, String> typed = new HashMap<>();
        typed.put("ContactLastName", "Sarkisian");
        typed.put("UserLastName", "   ");
        JsonPath withValues = preview(token, id, target(lead.id(), null, typed)).jsonPath();
        assertThat(withValues.getString("text")).isEqualTo("Hi Cher Sarkisian! Your seller at our office ✓");
        assertThat(withValues.getList("defaulted")).containsExactly("UserFirstName", "BusinessNumberName");
        assertThat(withValues.getList("empty")).containsExactly("UserLastName");

        ExtractableResponse<Response> unknownValue = preview(token, id, target(lead.id(), null,
                Map.of("Nickname", "C")));
        assertProblem(unknownValue, 400, "unknown-placeholder");
        assertThat(unknownValue.jsonPath().getString("field")).isEqualTo("values");
        assertThat(unknownValue.jsonPath().getList("placeholders")).containsExactly("Nickname");
    }

    @Test
    void aRecordTheCallerMayNotSeeIsNotFound() {
        String carol = unique("carol");
        String dave = unique("dave");
        String team = unique("team");
        publishSeller(kafka, carol, "Carol Jones", team);
        publishSeller(kafka, dave, "Dave Smith");
        DirectoryRecord teamRecord = publishRecord(kafka, RecordType.OPPORTUNITY, "Big Deal", Owner.team(team),
                null);
        String carolToken = TestTokens.seller(carol);
        String daveToken = TestTokens.seller(dave);
        String admin = TestTokens.admin(unique("admin"));
        String orgTemplate = created(admin, organisation(template(unique("Deal"), "OPPORTUNITY", "en",
                "About {{OpportunityName}}")));

        awaitText(carolToken, orgTemplate, target(teamRecord.id(), null, null), "About Big Deal");

        ExtractableResponse<Response> hidden = preview(daveToken, orgTemplate, target(teamRecord.id(), null, null));
        ExtractableResponse<Response> missing = preview(daveToken, orgTemplate, target(unique("nothing"), null,
                null));
        assertProblem(hidden, 404, "record-not-found");
        assertProblem(missing, 404, "record-not-found");
        assertThat(hidden.jsonPath().getString("detail")).isEqualTo(missing.jsonPath().getString("detail"))
                .isEqualTo("There is no record with this id that you may see");
        Map<String, Object> unsaved = new HashMap<>(target(teamRecord.id(), null, null));
        unsaved.put("body", "Hi {{RecordName}}");
        assertProblem(previewBody(daveToken, unsaved), 404, "record-not-found");

        // Dave joins the team: the record is his to use too.
        publishSeller(kafka, dave, "Dave Smith", team);
        awaitText(daveToken, orgTemplate, target(teamRecord.id(), null, null), "About Big Deal");
        assertThat(preview(admin, orgTemplate, target(teamRecord.id(), null, null)).statusCode()).isEqualTo(200);
    }

    @Test
    void anOpportunityFillsAccountNameFromItsCustomer() {
        String grace = unique("grace");
        String token = TestTokens.seller(grace);
        DirectoryRecord account = publishRecord(kafka, RecordType.ACCOUNT, "Difference Engines plc",
                Owner.seller(grace), null);
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Charles Babbage", Owner.seller(grace),
                account.id());
        String id = created(token, template("Deal", "OPPORTUNITY", "en", "{{OpportunityName}} for {{AccountName}}"));

        // The customer is an account: its name; a contact: the contact's account.
        String forAccount = publishOpportunity(grace, "Renewal", account.id());
        String forContact = publishOpportunity(grace, "Upsell", contact.id());
        String withoutCustomer = publishOpportunity(grace, "Pilot", null);

        awaitText(token, id, target(forAccount, null, null), "Renewal for Difference Engines plc");
        awaitText(token, id, target(forContact, null, null), "Upsell for Difference Engines plc");
        JsonPath blank = awaitText(token, id, target(withoutCustomer, null, null), "Pilot for ");
        assertThat(blank.getList("empty")).containsExactly("AccountName");
    }

    @Test
    void aSellerWhoSeesAConversationThroughItsNumberMayFillTemplatesForItsRecord() {
        String heidi = unique("heidi");
        String token = TestTokens.seller(heidi);
        // The record is someone else's; Heidi sees its conversation because the business number is hers.
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Hedy Lamarr", Owner.seller(
                unique("owner")), null);
        BusinessNumber line = publishNumber(kafka, unique("Heidi's line"), List.of(heidi), List.of());
        String id = created(token, template("Hello", "CONTACT", "en", "Hello {{ContactFirstName}}"));
        assertProblem(preview(token, id, target(contact.id(), null, null)), 404, "record-not-found");

        RecordRef ref = new RecordRef(contact.id(), contact.type(), contact.name(), contact.owner());
        Fixtures.publish(kafka, Fixtures.attached(ref, Fixtures.number(), line.number(), "Hi there", Fixtures.now(),
                List.of()));

        awaitText(token, id, target(contact.id(), null, null), "Hello Hedy");
    }

    private static String publishOpportunity(String owner, String name, String customerId) {
        DirectoryRecord opportunity = new DirectoryRecord(unique("opportunity"), RecordType.OPPORTUNITY, name,
                Owner.seller(owner), true, Fixtures.now(), List.of(), null, customerId, List.of());
        kafka.publishEvent(Topics.DIRECTORY_RECORDS, opportunity.id(), unique("record-event"),
                EventTypes.DIRECTORY_RECORD_UPSERTED, opportunity);
        return opportunity.id();
    }

    /**
     * Issue 11.8: a body of 1600 characters holds over a hundred placeholders; with unbounded values that built
     * 100 MB per request, and a null value answered 500.
     */
    @Test
    void valuesAreBoundedANullOneIsNamedAndAFillingStopsAtTheLongestMessage() {
        String ivan = unique("ivan");
        String token = TestTokens.seller(ivan);
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Ivan Sutherland", Owner.seller(ivan),
                null);
        String body = "{{RecordName}}".repeat(110);
        String id = created(token, template("Echo", "CONTACT", "en", body));
        awaitText(token, id, target(contact.id(), null, null), "Ivan Sutherland".repeat(110).substring(0, 1600));

        ExtractableResponse<Response> huge = preview(token, id, target(contact.id(), null,
                Map.of("RecordName", "x".repeat(900_000))));
        assertProblem(huge, 400, "value-too-long");
        assertThat(huge.jsonPath().getString("field")).isEqualTo("values.RecordName");
        assertThat(huge.jsonPath().getString("detail")).contains("900000 characters").contains("at most 1600");

        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("RecordName", null);
        ExtractableResponse<Response> missing = preview(token, id, target(contact.id(), null, nullValue));
        assertProblem(missing, 400, "value-missing");
        assertThat(missing.jsonPath().getString("field")).isEqualTo("values.RecordName");
        Map<String, Object> unsaved = new HashMap<>(target(contact.id(), null, nullValue));
        unsaved.put("body", "Hi {{RecordName}}");
        assertProblem(previewBody(token, unsaved), 400, "value-missing");

        // The longest value allowed in every placeholder: the text is cut at the longest message, its length told.
        JsonPath longest = preview(token, id, target(contact.id(), null, Map.of("RecordName", "é".repeat(1600))))
                .jsonPath();
        assertThat(longest.getString("text")).isEqualTo("é".repeat(1600));
        assertThat(longest.getLong("length")).isEqualTo(110 * 1600L);
        assertThat(longest.getBoolean("withinMaxLength")).isFalse();
        JsonPath fits = preview(token, id, target(contact.id(), null, Map.of("RecordName", "ab"))).jsonPath();
        assertThat(fits.getLong("length")).isEqualTo(220);
        assertThat(fits.getBoolean("withinMaxLength")).isTrue();
    }

    @Test
    void theRefusalsOfAPreview() {
        String erin = unique("erin");
        String token = TestTokens.seller(erin);
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Grace Hopper", Owner.seller(erin), null);
        BusinessNumber notMine = publishNumber(kafka, unique("Other line"), List.of(unique("someone")), List.of());
        BusinessNumber mine = publishNumber(kafka, unique("Erin's line"), List.of(erin), List.of());
        String id = created(token, template("Line", "CONTACT", "en", "From {{BusinessNumberName}}"));
        awaitText(token, id, target(contact.id(), mine.number(), null), "From " + mine.name());

        assertProblem(preview(token, id, target(contact.id(), notMine.number(), null)), 403,
                "business-number-not-yours");
        ExtractableResponse<Response> invalid = preview(token, id, target(contact.id(), "12", null));
        assertProblem(invalid, 400, "business-number-invalid");
        assertThat(invalid.jsonPath().getString("field")).isEqualTo("businessNumber");
        ExtractableResponse<Response> noRecord = preview(token, id, target(null, null, null));
        assertProblem(noRecord, 400, "record-missing");
        assertThat(noRecord.jsonPath().getString("field")).isEqualTo("recordId");
        assertProblem(preview(token, UUID.randomUUID().toString(), target(contact.id(), null, null)), 404,
                "template-not-found");
        String othersTemplate = created(TestTokens.seller(unique("frank")),
                template("Frank's", "CONTACT", "en", "Hi"));
        assertProblem(preview(token, othersTemplate, target(contact.id(), null, null)), 404, "template-not-found");
    }

    @Test
    void anUnsavedBodyIsCheckedAsOnSaveAndFilled() {
        String gina = unique("gina");
        String token = TestTokens.seller(gina);
        publishSeller(kafka, gina, "Gina Rossi");
        DirectoryRecord contact = publishRecord(kafka, RecordType.CONTACT, "Linus Torvalds", Owner.seller(gina),
                null);
        Map<String, Object> request = new HashMap<>(target(contact.id(), null, null));
        request.put("body", "Hi {{ContactFirstName}}, {{UserFirstName}} here: 10€ off {{AccountName|today}}");
        request.put("category", "CONTACT");

        String expected = "Hi Linus, Gina here: 10€ off today";
        JsonPath filled = await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> previewBody(token, request),
                        r -> r.statusCode() == 200 && expected.equals(r.jsonPath().getString("text")))
                .jsonPath();
        assertThat(filled.getString("templateId")).isNull();
        assertThat(filled.getList("defaulted")).containsExactly("AccountName");
        assertThat(filled.getString("segments.encoding")).isEqualTo("GSM_7");
        // The euro sign is an extension character: two septets.
        assertThat(filled.getInt("segments.units")).isEqualTo(expected.length() + 1);

        request.put("body", "Hi {{FirstName}}");
        ExtractableResponse<Response> unknown = previewBody(token, request);
        assertProblem(unknown, 400, "unknown-placeholder");
        assertThat(unknown.jsonPath().getList("placeholders")).containsExactly("FirstName");
        request.put("body", "Hi {{OpportunityName}}");
        assertProblem(previewBody(token, request), 400, "placeholder-not-for-category");
        request.put("body", "Hi {{RecordName");
        assertProblem(previewBody(token, request), 400, "malformed-placeholder");
        request.put("body", "");
        assertProblem(previewBody(token, request), 400, "body-empty");
    }

    private static JsonPath awaitText(String token, String templateId, Map<String, Object> request, String text) {
        return await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> preview(token, templateId, request),
                        r -> r.statusCode() == 200 && text.equals(r.jsonPath().getString("text")))
                .jsonPath();
    }

    private static ExtractableResponse<Response> previewBody(String token, Map<String, Object> request) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(request)
                .when().post("/api/templates/preview").then().extract();
    }

    private static void assertProblem(ExtractableResponse<Response> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.jsonPath().getString("reason")).isEqualTo(reason);
    }
}
