package io.smsconversations.notification;

import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.testing.OpenApiOperations;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class OperationsTest {

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("conversation-events"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void answersCorsForTheSellerConsoleOriginOnly() {
        // The console reads the stream with fetch, a bearer token and Last-Event-ID: the preflight must allow both.
        given().header("Origin", "http://localhost:8085").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,last-event-id")
                .when().options("/api/notifications/stream").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8085")
                .header("Access-Control-Allow-Headers", containsString("Last-Event-ID"));
        given().header("Origin", "http://localhost:8085").auth().oauth2(TestTokens.seller(unique("seller")))
                .when().get("/api/notifications/unread-count").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8085");
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/notifications").then().statusCode(403)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void publishesOpenApiWithTheNotificationEndpoints() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/notifications"))
                .body(containsString("/api/notifications/stream"));
    }

    @Test
    void countsOpenStreamsAndCreatedNotificationsByKind() {
        double before = metric("notification_streams_open");
        try (SseClient tab = SseClient.connect(stream, TestTokens.seller(unique("seller")))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> metric("notification_streams_open") == before + 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> metric("notification_streams_open") == before);

        double created = metricOrZero("notifications_created_total\\{kind=\"INBOUND_MESSAGE\"");
        String seller = unique("seller");
        ConversationMessageAdded event = inbound("count me", privileged(seller));
        publish(event);
        await().atMost(Duration.ofSeconds(20)).until(() -> Inbox.of(TestTokens.seller(seller)).size() == 1);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metricOrZero("notifications_created_total\\{kind=\"INBOUND_MESSAGE\""))
                .as(metrics.lines().filter(l -> l.contains("notification")).toList().toString())
                .isGreaterThanOrEqualTo(created + 1);
        assertThat(given().get("/q/metrics").asString()).doesNotContain("count me");
    }

    @Test
    void countsNotificationsPushedToStreamsAndExposesTheConsumerLag() {
        String seller = unique("seller");
        double pushed = metricOrZero("notifications_pushed_total");
        try (SseClient tab1 = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient tab2 = SseClient.connect(stream, TestTokens.seller(seller))) {
            publish(inbound("push me", privileged(seller)));
            await().atMost(Duration.ofSeconds(10)).until(() -> tab1.events().size() == 1 && tab2.events().size() == 1);
        }
        // one per stream
        assertThat(metric("notifications_pushed_total")).isGreaterThanOrEqualTo(pushed + 2);
        // the Kafka client's own consumer metrics, through quarkus-micrometer: the lag of this replica's consumer
        await().atMost(Duration.ofSeconds(20))
                .until(() -> value("kafka_consumer_fetch_manager_records_lag_max") != null);
    }

    private static double metric(String name) {
        Double value = value(name);
        if (value == null) {
            throw new AssertionError("no metric " + name);
        }
        return value;
    }

    private static double metricOrZero(String prefix) {
        Double value = value(prefix);
        return value == null ? 0 : value;
    }

    private static Double value(String prefix) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + prefix + "\\S* (\\S+)").matcher(metrics);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /**
     * The operations of the OpenAPI document (method, path, parameters, bodies, response codes, what a
     * success answers, security requirements, tags) are the ones
     * listed in {@code openapi-operations.txt}: moving the annotations (to the resources' interfaces) or editing them
     * must not drop or add one unnoticed. The whole document is written to {@code target/openapi.json} for a diff.
     */
    @Test
    void theOpenApiDocumentKeepsItsOperations() {
        String document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(OpenApiOperations.of(document)).containsExactlyInAnyOrderElementsOf(OpenApiOperations.recorded());
    }
}
