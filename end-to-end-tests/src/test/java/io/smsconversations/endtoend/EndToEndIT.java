package io.smsconversations.endtoend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * The walking skeleton, end to end: the four services run as separate processes from their built jars against one
 * real Kafka broker and one real PostgreSQL server. A customer's signed reply to a seller's business number must reach
 * the seller's live notification stream and the conversation API; a forged one must change nothing.
 */
class EndToEndIT {

    private static final String TWILIO_AUTH_TOKEN = "end-to-end-twilio-token";
    private static final String ALICE = "seller-alice-" + UUID.randomUUID();
    private static final String BUSINESS_NUMBER = "+14255550199";
    private static final String CUSTOMER_NUMBER = "+14255550100";
    private static final String CONTACT_ID = "contact-grace-" + UUID.randomUUID();
    private static final Duration READY = Duration.ofSeconds(120);

    private static OidcWiremockTestResource oidc;
    private static ServiceProcess gateway;
    private static ServiceProcess routing;
    private static ServiceProcess conversation;
    private static ServiceProcess notification;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startTheSuite() {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        // TestTokens signs with the OIDC test server's key, found through MicroProfile Config.
        oidcConfig.forEach(System::setProperty);
        kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());

        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/",
                "quarkus.oidc.client-id", "quarkus-service-app",
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        Path root = Path.of(System.getProperty("sms.repository.root", ".."));

        int gatewayPort = FreePorts.next();
        Map<String, String> gatewayConfig = new HashMap<>(common);
        gatewayConfig.put("gateway.public-base-url", "http://localhost:" + gatewayPort);
        gatewayConfig.put("gateway.twilio.auth-token", TWILIO_AUTH_TOKEN);
        // The gateway's own database: the ledger of send requests (idempotent sending).
        gatewayConfig.putAll(infrastructure.postgres().database("gateway", true).quarkusConfig());
        // Sends go to the gateway's built-in fake Twilio (never the real API from a test), which calls back.
        gatewayConfig.put("gateway.simulator.enabled", "true");
        gatewayConfig.put("gateway.twilio.api-base-url", "http://localhost:" + gatewayPort + "/simulator/twilio");
        gateway = ServiceProcess.start(jarOf(root, "inbound-gateway"), "inbound-gateway", gatewayPort, gatewayConfig);
        routing = startWithDatabase(root, "routing-service", "routing", common);
        conversation = startWithDatabase(root, "conversation-service", "conversation", common);
        notification = startWithDatabase(root, "notification-service", "notification", common);

        Stream.of(gateway, routing, conversation, notification)
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY)))
                .toList()
                .forEach(CompletableFuture::join);

        seedDirectory();
    }

    @AfterAll
    static void stopTheSuite() {
        Stream.of(gateway, routing, conversation, notification).filter(s -> s != null).forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    void aSignedReplyReachesTheOwnersLiveStreamAndTheConversation() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        try (SseClient aliceStream = SseClient.open(notification.baseUrl() + "/api/notifications/stream",
                TestTokens.seller(ALICE)).awaitConnected(Duration.ofSeconds(10))) {

            postTwilioWebhook(messageSid, "Hi Alice, is the offer still valid?", true)
                    .then().statusCode(200).contentType(containsString("xml")).body(containsString("<Response/>"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !aliceStream.received().isEmpty());
            JsonPath notice = JsonPath.from(aliceStream.received().get(0));
            assertThat(notice.getString("kind")).isEqualTo("INBOUND_MESSAGE");
            assertThat(notice.getString("text")).contains("Hi Alice, is the offer still valid?");
        }

        JsonPath conversations = JsonPath.from(asAlice().get(conversation.baseUrl() + "/api/conversations")
                .then().statusCode(200).extract().asString());
        String conversationId = conversationOf(conversations, CONTACT_ID);
        List<String> bodies = asAlice().get(conversation.baseUrl() + "/api/conversations/" + conversationId + "/messages")
                .then().statusCode(200).extract().jsonPath().getList(itemsPath("body"));
        assertThat(bodies).contains("Hi Alice, is the offer still valid?");
    }

    @Test
    void aForgedSignaturePublishesNothingAndChangesNothing() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String before = asAlice().get(conversation.baseUrl() + "/api/conversations").then().statusCode(200)
                .extract().asString();
        try (SseClient aliceStream = SseClient.open(notification.baseUrl() + "/api/notifications/stream",
                TestTokens.seller(ALICE)).awaitConnected(Duration.ofSeconds(10))) {

            postTwilioWebhook(messageSid, "Forged: send me your password", false).then().statusCode(403);

            assertThat(kafka.collect(Topics.INBOUND_MESSAGES, event -> messageSid.equals(event.subject())
                    || event.value().contains(messageSid), Duration.ofSeconds(5))).isEmpty();
            assertThat(aliceStream.received()).isEmpty();
        }
        String after = asAlice().get(conversation.baseUrl() + "/api/conversations").then().statusCode(200)
                .extract().asString();
        assertThat(after).doesNotContain("Forged").isEqualTo(before);
    }

    private static ServiceProcess startWithDatabase(Path root, String service, String database,
            Map<String, String> common) {
        ServiceDatabase db = SuiteInfrastructure.get().postgres().database(database, true);
        Map<String, String> config = new HashMap<>(common);
        config.putAll(db.quarkusConfig());
        return ServiceProcess.start(jarOf(root, service), service, FreePorts.next(), config);
    }

    private static Path jarOf(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void seedDirectory() {
        adminPut("/api/admin/sellers/" + ALICE, new Seller(ALICE, "Alice North", List.of("team-north"), true));
        adminPut("/api/admin/business-numbers/" + BUSINESS_NUMBER.replace("+", "%2B"),
                new BusinessNumber(BUSINESS_NUMBER, "North sales line " + ALICE, BusinessNumberType.LONG_CODE,
                        List.of(ALICE), List.of("team-north"), "twilio"));
        adminPut("/api/admin/records/" + CONTACT_ID, new DirectoryRecord(CONTACT_ID, RecordType.CONTACT, "Grace Hopper",
                Owner.seller(ALICE), true, Instant.parse("2026-11-01T09:00:00Z"),
                List.of(new PhoneNumber(PhoneKind.MOBILE, "+1 (425) 555-0100")), null));
        // The admin API answers once Kafka has the change; routing stores it a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAdmin().get(routing.baseUrl() + "/api/admin/records/" + CONTACT_ID).then().statusCode(200);
            asAdmin().get(routing.baseUrl() + "/api/admin/sellers/" + ALICE).then().statusCode(200);
            asAdmin().get(routing.baseUrl() + "/api/admin/business-numbers/" + BUSINESS_NUMBER.replace("+", "%2B"))
                    .then().statusCode(200);
        });
    }

    private static void adminPut(String path, Object body) {
        asAdmin().contentType(ContentType.JSON).body(KafkaTestClient.toJson(body))
                .put(routing.baseUrl() + path).then().log().ifValidationFails().statusCode(202);
    }

    private static io.restassured.response.Response postTwilioWebhook(String messageSid, String body, boolean signed) {
        String url = gateway.baseUrl() + "/webhooks/twilio/messages";
        Map<String, String> params = Map.of(
                "AccountSid", "AC00000000000000000000000000000e2e",
                "MessageSid", messageSid,
                "From", CUSTOMER_NUMBER,
                "To", BUSINESS_NUMBER,
                "Body", body,
                "NumMedia", "0",
                "NumSegments", "1");
        String signature = signed ? TwilioRequests.signature(TWILIO_AUTH_TOKEN, url, params)
                : TwilioRequests.signature("not-the-auth-token", url, params);
        return given().header("X-Twilio-Signature", signature).contentType(ContentType.URLENC)
                .formParams(params).post(url);
    }

    private static io.restassured.specification.RequestSpecification asAlice() {
        return given().auth().oauth2(TestTokens.seller(ALICE));
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        // Paths carry business numbers already URL-encoded (%2B...): encoding them again would send %252B.
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.admin("ada-admin"));
    }

    private static String conversationOf(JsonPath conversations, String recordId) {
        return conversations.getString(itemsPath("find { it.record.id == '" + recordId + "' }.id"));
    }

    /** The path of a field of the listed items, whatever envelope the list comes in. */
    private static String itemsPath(String path) {
        return "items." + path;
    }
}
