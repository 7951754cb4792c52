package io.smsconversations.routing.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.national;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.put;
import static io.smsconversations.routing.TestSupport.read;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.BearerProbe;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class DirectoryAdminApiTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();

    @TestHTTPResource("/")
    URI baseUri;

    @OidcWireMock
    WireMockServer oidcServer;

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void anUpsertedRecordIsPublishedNormalisedAndThenStoredByTheServiceItself() {
        String id = unique("contact");
        String mobile = number("425");
        String office = number("206");
        DirectoryRecord sent = new DirectoryRecord(id, RecordType.CONTACT, "Ada Lovelace", Owner.seller("sam"), true,
                Instant.parse("2026-11-20T08:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, national(mobile)),
                        new PhoneNumber(PhoneKind.BUSINESS, office.substring(1))),
                "account-1");

        DirectoryRecord answered = put("/api/admin/records/" + id, sent, DirectoryRecord.class);

        DirectoryRecord expected = new DirectoryRecord(id, RecordType.CONTACT, "Ada Lovelace", Owner.seller("sam"),
                true, Instant.parse("2026-11-20T08:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, mobile), new PhoneNumber(PhoneKind.BUSINESS, office)),
                "account-1");
        assertThat(answered).isEqualTo(expected);
        CloudEventRecord published = KAFKA.awaitOne(Topics.DIRECTORY_RECORDS, e -> id.equals(e.key()), WAIT);
        assertThat(published.type()).isEqualTo(EventTypes.DIRECTORY_RECORD_UPSERTED);
        assertThat(published.source()).isEqualTo(EventTypes.SOURCE_ROUTING_SERVICE);
        assertThat(published.id()).isNotBlank();
        assertThat(published.dataAs(DirectoryRecord.class)).isEqualTo(expected);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/records/" + id, DirectoryRecord.class))
                .isEqualTo(expected));
    }

    @Test
    void theSameNumberInThreeFormatsOnThreeRecordsIsOneNumber() {
        String customer = number("425");
        List<String> formats = List.of("+1 " + national(customer), customer.substring(1), customer);
        List<String> ids = List.of(unique("contact"), unique("account"), unique("lead"));
        for (int i = 0; i < 3; i++) {
            DirectoryRecord answered = put("/api/admin/records/" + ids.get(i), new DirectoryRecord(null,
                    RecordType.values()[i], "Record " + i, null, true, null,
                    List.of(new PhoneNumber(PhoneKind.MOBILE, formats.get(i))), null), DirectoryRecord.class);
            assertThat(answered.phones()).containsExactly(new PhoneNumber(PhoneKind.MOBILE, customer));
            assertThat(answered.modifiedOn()).isNotNull();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                Arrays.stream(get("/api/admin/records?phone=" + dashed(customer), DirectoryRecord[].class))
                        .map(DirectoryRecord::id))
                .containsExactlyInAnyOrderElementsOf(ids));
    }

    @Test
    void aNumberThatCannotBeNormalisedIsRefusedNamingTheRecordAndTheFieldAndNothingIsPublished() {
        String id = unique("contact");
        DirectoryRecord bad = new DirectoryRecord(id, RecordType.CONTACT, "Ada", null, true, null,
                List.of(new PhoneNumber(PhoneKind.MOBILE, number("425")), new PhoneNumber(PhoneKind.MOBILE, "12")),
                null);

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(bad))
                .when().put("/api/admin/records/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("record " + id))
                .body("detail", containsString("phones[1].number"))
                .body("violations[0].field", equalTo("phones[1].number"))
                .body("violations[0].in", equalTo("body"));

        assertThat(KAFKA.collect(Topics.DIRECTORY_RECORDS, e -> id.equals(e.key()), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void anIdInTheBodyMustMatchThePath() {
        DirectoryRecord other = new DirectoryRecord("someone-else", RecordType.LEAD, "Ada", null, true, null, null,
                null);

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(other))
                .when().put("/api/admin/records/" + unique("lead"))
                .then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void aRecordWithoutTypeOrNameIsRefused() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"active\":true}")
                .when().put("/api/admin/records/" + unique("x"))
                .then().statusCode(400)
                .body("violations.field", hasItems("type", "name"));
    }

    /**
     * Issues 11.5 and 16.5: only tokens for this API (audience sms-api, the main profile's setting), verified
     * locally: another client's token, a bearer that is not a JWT and a JWT signed by an unknown key are 401
     * problems, without a call to the OIDC server's introspection endpoint and without an ERROR line.
     */
    @Test
    void onlyTokensForThisApiAreAcceptedAndBadBearersAreRefusedWithoutAskingTheOidcServer() {
        URI teams = URI.create(baseUri + "api/admin/teams");
        assertThat(BearerProbe.status(teams, admin())).isEqualTo(200);
        List<BearerProbe> probes = BearerProbe.probe(teams, bearer -> oidcServer.findAll(
                postRequestedFor(urlPathMatching(".*/introspect")).withRequestBody(containing(bearer))).size(),
                "ada", "sms-admin");
        assertThat(probes).hasSize(4).allSatisfy(probe -> {
            assertThat(probe.status()).as(probe.kind()).isEqualTo(401);
            assertThat(probe.contentType()).as(probe.kind()).startsWith("application/problem+json");
            assertThat(probe.introspections()).as(probe.kind()).isZero();
            assertThat(probe.errors()).as(probe.kind()).isEmpty();
        });
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AndForASellerIt403() {
        DirectoryRecord record = new DirectoryRecord("r", RecordType.LEAD, "Ada", null, true, null, null, null);

        given().contentType(ContentType.JSON).body(json(record))
                .when().put("/api/admin/records/r").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        String foreignToken = Jwt.subject("ada").groups("sms-admin").issuer("https://elsewhere.example.com")
                .audience(TestTokens.AUDIENCE).sign();
        given().auth().oauth2(foreignToken).contentType(ContentType.JSON).body(json(record))
                .when().put("/api/admin/records/r").then().statusCode(401);
        given().auth().oauth2(TestTokens.seller("sam")).contentType(ContentType.JSON).body(json(record))
                .when().put("/api/admin/records/r").then().statusCode(403);
        given().auth().oauth2(TestTokens.seller("sam"))
                .when().delete("/api/admin/sellers/sam").then().statusCode(403);
        given().auth().oauth2(TestTokens.seller("sam"))
                .when().get("/api/admin/business-numbers/%2B14255550199").then().statusCode(403);
        given().when().get("/api/admin/records/r").then().statusCode(401);
    }

    @Test
    void aDeletedRecordIsATombstoneAndLeavesTheDirectory() {
        String id = unique("contact");
        put("/api/admin/records/" + id, new DirectoryRecord(id, RecordType.CONTACT, "Ada", null, true, null,
                List.of(new PhoneNumber(PhoneKind.MOBILE, number("425"))), null), DirectoryRecord.class);
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + id, DirectoryRecord.class) != null);

        given().auth().oauth2(admin()).when().delete("/api/admin/records/" + id).then().statusCode(202);

        List<CloudEventRecord> events = KAFKA.await(Topics.DIRECTORY_RECORDS, e -> id.equals(e.key()), 2, WAIT);
        assertThat(events.get(1).value()).isNull();
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + id, DirectoryRecord.class) == null);
    }

    @Test
    void aSellerIsPublishedAndStored() {
        String id = unique("seller");

        Seller answered = put("/api/admin/sellers/" + id, new Seller(null, "Sam Seller", List.of("team-b", "team-a"),
                true), Seller.class);

        assertThat(answered).isEqualTo(new Seller(id, "Sam Seller", List.of("team-b", "team-a"), true));
        assertThat(KAFKA.awaitOne(Topics.DIRECTORY_SELLERS, e -> id.equals(e.key()), WAIT).type())
                .isEqualTo(EventTypes.DIRECTORY_SELLER_UPSERTED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/sellers/" + id, Seller.class))
                .isEqualTo(new Seller(id, "Sam Seller", List.of("team-a", "team-b"), true)));

        given().auth().oauth2(admin()).when().delete("/api/admin/sellers/" + id).then().statusCode(202);
        await().atMost(WAIT).until(() -> get("/api/admin/sellers/" + id, Seller.class) == null);
    }

    @Test
    void aBusinessNumberIsAddressedByItsUrlEncodedNumberAndItsNameIsUnique() {
        String number = number("206");
        String encoded = "%2B" + number.substring(1);
        String name = unique("Sales line");
        BusinessNumber body = new BusinessNumber(null, name, BusinessNumberType.LONG_CODE, List.of("sam"),
                List.of("team-north"), "twilio");

        String answer = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(body))
                .urlEncodingEnabled(false)
                .when().put("/api/admin/business-numbers/" + encoded)
                .then().statusCode(202).extract().asString();

        BusinessNumber expected = new BusinessNumber(number, name, BusinessNumberType.LONG_CODE, List.of("sam"),
                List.of("team-north"), "twilio");
        assertThat(read(answer, BusinessNumber.class)).isEqualTo(expected);
        assertThat(KAFKA.awaitOne(Topics.DIRECTORY_BUSINESS_NUMBERS, e -> number.equals(e.key()), WAIT)
                .dataAs(BusinessNumber.class)).isEqualTo(expected);
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(admin()).urlEncodingEnabled(false)
                .when().get("/api/admin/business-numbers/" + encoded).then().extract().statusCode()).isEqualTo(200));

        String other = number("206");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(body)).urlEncodingEnabled(false)
                .when().put("/api/admin/business-numbers/%2B" + other.substring(1))
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(body)).urlEncodingEnabled(false)
                .when().put("/api/admin/business-numbers/not-a-number")
                .then().statusCode(400).body("violations[0].field", equalTo("number"))
                .body("violations[0].in", equalTo("path"));

        given().auth().oauth2(admin()).urlEncodingEnabled(false)
                .when().delete("/api/admin/business-numbers/" + encoded).then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(admin()).urlEncodingEnabled(false)
                .when().get("/api/admin/business-numbers/" + encoded).then().extract().statusCode()).isEqualTo(404));
    }

    @Test
    void aShortCodeAndAnAlphanumericSenderAreBusinessNumbersAndTheirTypeMustFit() {
        String code = "GB:" + (60_000 + Math.floorMod(unique("code").hashCode(), 30_000));
        String sender = "Ct" + Math.floorMod(unique("sender").hashCode(), 100_000_000);
        for (BusinessNumber entry : List.of(
                new BusinessNumber(null, unique("Offers"), BusinessNumberType.SHORT_CODE, List.of("sam"), null,
                        "vonage"),
                new BusinessNumber(sender, unique("Brand"), BusinessNumberType.ALPHANUMERIC, null,
                        List.of("team-north"), "infobip"))) {
            String key = entry.type() == BusinessNumberType.SHORT_CODE ? code : sender;
            String answer = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(entry))
                    .when().put("/api/admin/business-numbers/" + key)
                    .then().statusCode(202).extract().asString();
            BusinessNumber expected = new BusinessNumber(key, entry.name(), entry.type(), entry.ownerSellerIds(),
                    entry.ownerTeamIds(), entry.provider());
            assertThat(read(answer, BusinessNumber.class)).isEqualTo(expected);
            assertThat(KAFKA.awaitOne(Topics.DIRECTORY_BUSINESS_NUMBERS, e -> key.equals(e.key()), WAIT)
                    .dataAs(BusinessNumber.class)).isEqualTo(expected);
            await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/admin/business-numbers/" + key,
                    BusinessNumber.class)).isEqualTo(expected));
        }

        BusinessNumber longCode = new BusinessNumber(null, unique("Wrong"), BusinessNumberType.LONG_CODE,
                List.of("sam"), null, "twilio");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(longCode))
                .when().put("/api/admin/business-numbers/US:54321")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].message", equalTo("LONG_CODE does not fit US:54321, which is a short code "
                        + "(SHORT_CODE)"));
        // Bare digits name no country, and a hyphen is no part of a sender id: both stay a 400 on the path.
        for (String path : List.of("54321", "Contoso-Ltd")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(json(longCode))
                    .when().put("/api/admin/business-numbers/" + path)
                    .then().statusCode(400).body("violations[0].field", equalTo("number"))
                    .body("violations[0].in", equalTo("path"));
        }
    }

    /** {@code +14255550100} as {@code 425-555-0100}: a fourth way to write it, safe in a query string. */
    private static String dashed(String e164) {
        return e164.substring(2, 5) + "-" + e164.substring(5, 8) + "-" + e164.substring(8);
    }
}
