package io.smsconversations.routing.admin;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.WAIT;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.get;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.national;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** Bulk import of records as JSON lines: every valid line published, every refused one reported by number. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class RecordImportApiTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();
    private static final Instant MODIFIED = Instant.parse("2026-11-01T00:00:00Z");
    private static final String PATH = "/api/admin/records/import";

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void validLinesArePublishedAndRefusedLinesAreReportedByNumber() {
        String e164 = number("425");
        String first = unique("c");
        String second = unique("a");
        String badNumber = unique("bad");
        String body = String.join("\n",
                json(record(first, RecordType.CONTACT, e164)),
                json(record(second, RecordType.ACCOUNT, national(e164))),
                "",
                json(record(badNumber, RecordType.LEAD, "not a number")),
                "{\"id\": \"x\", ",
                json(record(null, RecordType.CONTACT, e164)),
                json(new DirectoryRecord(unique("no-type"), null, "No type", null, true, MODIFIED,
                        List.of(new PhoneNumber(PhoneKind.MOBILE, e164)), null)))
                + "\n";

        given().auth().oauth2(admin()).contentType(RecordImportResource.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(200)
                .body("lines", equalTo(7))
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(4))
                .body("rejectsListedAll", equalTo(true))
                .body("rejects.line", equalTo(List.of(4, 5, 6, 7)))
                .body("rejects[0].id", equalTo(badNumber))
                .body("rejects[0].detail", startsWith("record " + badNumber + ": phones[0].number: is not a valid"))
                .body("rejects[0].violations[0].field", equalTo("phones[0].number"))
                .body("rejects[1].detail", startsWith("not a DirectoryRecord in JSON"))
                .body("rejects[2].detail", equalTo("record: id: is required"))
                .body("rejects[3].violations[0].field", equalTo("type"));

        // Published like any admin change, normalised, and stored by the service's own consumer.
        CloudEventRecord published = KAFKA.awaitOne(Topics.DIRECTORY_RECORDS, e -> second.equals(e.key()), WAIT);
        assertThat(published.type()).isEqualTo(EventTypes.DIRECTORY_RECORD_UPSERTED);
        assertThat(published.source()).isEqualTo(EventTypes.SOURCE_ROUTING_SERVICE);
        assertThat(published.dataAs(DirectoryRecord.class).phones())
                .containsExactly(new PhoneNumber(PhoneKind.BUSINESS, e164));
        await().atMost(WAIT).until(() -> get("/api/admin/records?phone=" + e164.substring(1),
                DirectoryRecord[].class).length == 2);
        assertThat(get("/api/admin/records/" + badNumber, DirectoryRecord.class)).isNull();
    }

    @Test
    void aThousandRecordsArePublishedInOneRequest() {
        String prefix = unique("bulk");
        String body = IntStream.range(0, 1000)
                .mapToObj(i -> json(record(prefix + "-" + i, RecordType.CONTACT, number("503"))))
                .collect(Collectors.joining("\n"));

        given().auth().oauth2(admin()).contentType(RecordImportResource.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(200)
                .body("lines", equalTo(1000))
                .body("accepted", equalTo(1000))
                .body("rejected", equalTo(0));

        await().atMost(WAIT).until(() -> get("/api/admin/records/" + prefix + "-999", DirectoryRecord.class) != null);
    }

    @Test
    void csvWithAHeaderLineIsImportedToo() {
        String e164 = number("425");
        String contact = unique("c");
        String lead = unique("l");
        String body = String.join("\r\n",
                "id,type,name,ownerSellerId,active,modifiedOn,mobile,business",
                contact + ",CONTACT,\"Lovelace, Ada\",sam,true,2026-11-01T00:00:00Z," + national(e164) + ",",
                lead + ",LEAD,Lead,,,,," + e164,
                unique("bad") + ",PERSON,Nobody,,,,,",
                "") + "\r\n";

        given().auth().oauth2(admin()).contentType(RecordImportResource.CSV)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(200)
                .body("lines", equalTo(4))
                .body("accepted", equalTo(2))
                .body("rejects.line", equalTo(List.of(4)))
                .body("rejects[0].violations[0].field", equalTo("type"));

        await().atMost(WAIT).until(() -> get("/api/admin/records?phone=" + e164.substring(1),
                DirectoryRecord[].class).length == 2);
        DirectoryRecord stored = get("/api/admin/records/" + contact, DirectoryRecord.class);
        assertThat(stored.name()).isEqualTo("Lovelace, Ada");
        assertThat(stored.phones()).containsExactly(new PhoneNumber(PhoneKind.MOBILE, e164));

        given().auth().oauth2(admin()).contentType(RecordImportResource.CSV)
                .body("id,type,colour\n".getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(400)
                .body("detail", startsWith("CSV header: header[2]: unknown column 'colour'"));
    }

    /**
     * Issue 11.11: a line is read whole before it is parsed, so its length is bounded; the import stops at a longer
     * one with a 413 that names it, having imported exactly the lines before it.
     */
    @Test
    void aLineLongerThanTheLimitStopsTheImportThereWithA413NamingIt() {
        String first = unique("c");
        String second = unique("c");
        String after = unique("c");
        String huge = json(new DirectoryRecord(unique("huge"), RecordType.CONTACT, "x".repeat(70_000),
                Owner.seller("sam"), true, MODIFIED, List.of(), null));
        String body = String.join("\n", json(record(first, RecordType.CONTACT, number("425"))),
                json(record(second, RecordType.CONTACT, number("425"))), huge,
                json(record(after, RecordType.CONTACT, number("425")))) + "\n";

        given().auth().oauth2(admin()).contentType(RecordImportResource.NDJSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413))
                .body("line", equalTo(3))
                .body("maxLineLength", equalTo(65536))
                .body("detail", startsWith("line 3 is longer than 65536 characters; the import stopped there"))
                .body("imported.lines", equalTo(2))
                .body("imported.accepted", equalTo(2))
                .body("imported.rejected", equalTo(0));

        await().atMost(WAIT).until(() -> get("/api/admin/records/" + first, DirectoryRecord.class) != null
                && get("/api/admin/records/" + second, DirectoryRecord.class) != null);
        assertThat(KAFKA.collect(Topics.DIRECTORY_RECORDS, e -> after.equals(e.key()), Duration.ofSeconds(2)))
                .isEmpty();

        // CSV: the header is line 1, and a data line is held to the same bound.
        String csvRecord = unique("c");
        given().auth().oauth2(admin()).contentType(RecordImportResource.CSV)
                .body(("id,type,name" + ",x".repeat(40_000) + "\n").getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(413).body("line", equalTo(1)).body("imported.lines", equalTo(0));
        given().auth().oauth2(admin()).contentType(RecordImportResource.CSV)
                .body(("id,type,name\r\n" + csvRecord + ",CONTACT,Ada\r\n" + unique("c") + ",CONTACT,"
                        + "y".repeat(70_000) + "\r\n").getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(413).body("line", equalTo(3)).body("imported.accepted", equalTo(1));
        await().atMost(WAIT).until(() -> get("/api/admin/records/" + csvRecord, DirectoryRecord.class) != null);
    }

    @Test
    void onlyAdminsMayImport() {
        String line = json(record(unique("c"), RecordType.CONTACT, number("425")));
        given().auth().oauth2(TestTokens.seller("sam")).contentType(RecordImportResource.NDJSON).body(line.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH).then().statusCode(403);
        given().contentType(RecordImportResource.NDJSON).body(line.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH).then().statusCode(401);
    }

    private static DirectoryRecord record(String id, RecordType type, String phone) {
        List<PhoneNumber> phones = new ArrayList<>();
        phones.add(new PhoneNumber(type == RecordType.ACCOUNT ? PhoneKind.BUSINESS : PhoneKind.MOBILE, phone));
        return new DirectoryRecord(id, type, "Imported " + id, Owner.seller("sam"), true, MODIFIED, phones, null);
    }
}
