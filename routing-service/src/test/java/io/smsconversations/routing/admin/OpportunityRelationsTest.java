package io.smsconversations.routing.admin;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.awaitRaw;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.header;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/** An opportunity's customer and related contacts (SPEC §3): stored, validated and shown on every way in. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class OpportunityRelationsTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();
    private static final Instant MODIFIED = Instant.parse("2026-11-01T00:00:00Z");
    private static final String IMPORT = "/api/admin/records/import";

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void anOpportunitysRelationsArePublishedNormalisedStoredAndReplacedByTheNextVersion() {
        String id = unique("opp");
        String mobile = number("425");
        DirectoryRecord sent = opportunity(id, " account-7 ", List.of("contact-2", " contact-1", "contact-2"),
                mobile);

        DirectoryRecord answered = put("/api/admin/records/" + id, sent, DirectoryRecord.class);

        DirectoryRecord expected = opportunity(id, "account-7", List.of("contact-2", "contact-1"), mobile);
        assertThat(answered).isEqualTo(expected);
        assertThat(KAFKA.awaitOne(Topics.DIRECTORY_RECORDS, e -> id.equals(e.key()), WAIT)
                .dataAs(DirectoryRecord.class)).isEqualTo(expected);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + id, DirectoryRecord.class))
                .isEqualTo(expected));
        // The view by phone shows them too.
        assertThat(get("/api/admin/records?phone=" + mobile.substring(1), DirectoryRecord[].class))
                .containsExactly(expected);

        DirectoryRecord fewer = opportunity(id, null, List.of("contact-3"), mobile);
        put("/api/admin/records/" + id, fewer, DirectoryRecord.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + id, DirectoryRecord.class))
                .isEqualTo(fewer));
    }

    @Test
    void relationsOnARecordThatIsNotAnOpportunityOrOnItselfAreRefusedFieldByField() {
        String contact = unique("contact");
        DirectoryRecord wrongType = new DirectoryRecord(contact, RecordType.CONTACT, "Ada", null, true, MODIFIED,
                List.of(), null, "account-1", List.of("contact-9"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(wrongType))
                .when().put("/api/admin/records/" + contact)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("record " + contact + ": customerId: only an opportunity has a customer; "
                        + "relatedContactIds: only an opportunity lists related contacts"))
                .body("violations.field", equalTo(List.of("customerId", "relatedContactIds")));

        String opp = unique("opp");
        DirectoryRecord self = new DirectoryRecord(opp, RecordType.OPPORTUNITY, "Deal", null, true, MODIFIED,
                List.of(), null, opp, List.of("contact-1", " "));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(self))
                .when().put("/api/admin/records/" + opp)
                .then().statusCode(400)
                .body("violations.field", hasItems("customerId", "relatedContactIds[1]"))
                .body("violations.find { it.field == 'customerId' }.message",
                        equalTo("an opportunity is not its own customer"))
                .body("violations.find { it.field == 'relatedContactIds[1]' }.message", equalTo("is blank"));

        assertThat(KAFKA.collect(Topics.DIRECTORY_RECORDS, e -> contact.equals(e.key()) || opp.equals(e.key()),
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void relationsArriveByTopicToo_andAContactWithACustomerIsDeadLettered() {
        String opp = unique("opp");
        String contact = unique("contact");
        DirectoryRecord fromCrm = opportunity(opp, "contact-5", List.of("contact-6"), number("425"));
        KAFKA.publishEvent(Topics.DIRECTORY_RECORDS, opp, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_RECORD_UPSERTED, fromCrm);
        KAFKA.publishEvent(Topics.DIRECTORY_RECORDS, contact, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_RECORD_UPSERTED, new DirectoryRecord(contact, RecordType.CONTACT, "Ada", null,
                        true, MODIFIED, List.of(), null, "account-1", List.of()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + opp, DirectoryRecord.class))
                .isEqualTo(fromCrm));
        assertThat(awaitRaw(Topics.DIRECTORY_RECORDS + ".dlq.routing-service", r -> contact.equals(r.key()), 1, WAIT))
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly("record " + contact + ": customerId: only an opportunity has a customer");
        assertThat(get("/api/admin/records/" + contact, DirectoryRecord.class)).isNull();
    }

    @Test
    void bulkImportCarriesRelationsInJsonLinesAndInCsvColumns() {
        String jsonOpp = unique("opp");
        String csvOpp = unique("opp");
        String csvContact = unique("contact");
        String mobile = number("503");
        String lines = json(opportunity(jsonOpp, "account-1", List.of("c-1", "c-2"), mobile)) + "\n";
        given().auth().oauth2(admin()).contentType(RecordImportResource.NDJSON)
                .body(lines.getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORT)
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(0));

        String csv = String.join("\n",
                "id,type,name,customerId,relatedContactIds,mobile",
                csvOpp + ",OPPORTUNITY,Deal,account-2, c-3 ; c-4 ;," + mobile,
                csvContact + ",CONTACT,Ada,account-2,,") + "\n";
        given().auth().oauth2(admin()).contentType(RecordImportResource.CSV)
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORT)
                .then().statusCode(200)
                .body("lines", equalTo(2))
                .body("accepted", equalTo(1))
                .body("rejects.line", equalTo(List.of(3)))
                .body("rejects[0].violations[0].field", equalTo("customerId"));

        await().atMost(WAIT).untilAsserted(() -> {
            DirectoryRecord fromJson = get("/api/admin/records/" + jsonOpp, DirectoryRecord.class);
            DirectoryRecord fromCsv = get("/api/admin/records/" + csvOpp, DirectoryRecord.class);
            assertThat(fromJson).isNotNull();
            assertThat(fromCsv).isNotNull();
            assertThat(fromJson.customerId()).isEqualTo("account-1");
            assertThat(fromJson.relatedContactIds()).containsExactly("c-1", "c-2");
            assertThat(fromCsv.customerId()).isEqualTo("account-2");
            assertThat(fromCsv.relatedContactIds()).containsExactly("c-3", "c-4");
        });
    }

    private static DirectoryRecord opportunity(String id, String customer, List<String> related, String mobile) {
        return new DirectoryRecord(id, RecordType.OPPORTUNITY, "Deal " + id, Owner.seller("sam"), true, MODIFIED,
                List.of(new PhoneNumber(PhoneKind.MOBILE, mobile)), null, customer, related);
    }
}
