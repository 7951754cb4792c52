package io.smsconversations.routing.admin;

import static io.restassured.RestAssured.given;
import static io.smsconversations.routing.TestSupport.admin;
import static io.smsconversations.routing.TestSupport.json;
import static io.smsconversations.routing.TestSupport.number;
import static io.smsconversations.routing.TestSupport.read;
import static io.smsconversations.routing.TestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * Only the bulk import takes large bodies; every other path is held to {@code routing.http.max-body-size} (64K in
 * tests) before its body is read.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
@WithTestResource(OidcWiremockTestResource.class)
class BodyLimitsTest {

    private static final int LIMIT = 64 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aBodyAboveTheLimitIsRefusedWith413OnAnyPathButTheImport() {
        String id = unique("contact");
        String big = json(new DirectoryRecord(id, RecordType.CONTACT, "x".repeat(LIMIT), null, true, null,
                List.of(), null));

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(big.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/admin/records/" + id)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", equalTo("the body is larger than " + LIMIT + " bytes; only POST "
                        + RecordImportResource.PATH + " takes larger bodies"));
        // Checked before authentication: nobody gets to send a large body anywhere else.
        given().contentType(ContentType.JSON).body(big.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/admin/teams/t")
                .then().statusCode(413);
    }

    @Test
    void theImportTakesABodyAboveTheLimitWithOrWithoutADeclaredLength() throws Exception {
        String prefix = unique("big");
        byte[] body = IntStream.range(0, 600)
                .mapToObj(i -> json(new DirectoryRecord(prefix + "-" + i, RecordType.LEAD, "Imported lead " + i,
                        Owner.seller("sam"), true, Instant.parse("2026-11-01T00:00:00Z"),
                        List.of(new PhoneNumber(PhoneKind.MOBILE, number("503"))), null)))
                .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(LIMIT);

        given().auth().oauth2(admin()).contentType(RecordImportResource.NDJSON).body(body)
                .when().post(RecordImportResource.PATH)
                .then().statusCode(200)
                .body("lines", equalTo(600))
                .body("accepted", equalTo(600));

        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(uri(RecordImportResource.PATH))
                .header("Authorization", "Bearer " + admin())
                .header("Content-Type", RecordImportResource.NDJSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(read(chunked.body(), RecordImportResult.class).accepted()).isEqualTo(600);
    }

    @Test
    void aBodyOfUndeclaredLengthIsRefusedWith411OutsideTheImport() throws Exception {
        String id = unique("team");
        byte[] small = json(new io.smsconversations.events.Team(id, "Small")).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/admin/teams/" + id))
                .header("Authorization", "Bearer " + admin())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(411);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":411");
        // The same body with its length declared is fine.
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(small)
                .when().put("/api/admin/teams/" + id)
                .then().statusCode(202).body("name", startsWith("Small"));
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
