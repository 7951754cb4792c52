package io.smsconversations.conversation.media;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.awaitConversation;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.contact;
import static io.smsconversations.conversation.Fixtures.number;
import static io.smsconversations.conversation.Fixtures.publish;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * A message's MMS attachments through this service: listed in the history with links to its own endpoint, which
 * checks visibility like the history (404 to a stranger, before any call to the gateway) and streams what the
 * gateway (a stub on a free port that checks the signature) answers, or says why not.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class MessageMediaTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @AfterEach
    void gatewayBack() {
        StubGateway.down(false);
    }

    private static final byte[] PICTURE = new byte[70_000];
    private static String owner;
    private static Message message;

    /**
     * One MMS for every test (one trip through Kafka): item 0 a picture, 1 a PDF, 2 unknown to the gateway, 3 one
     * the gateway fails on, 4 a small picture.
     */
    private static synchronized Message shared() {
        if (message == null) {
            owner = unique("owner");
            ThreadLocalRandom.current().nextBytes(PICTURE);
            List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
            StubGateway.answer(ids.get(0), new StubGateway.Answer(200, "image/jpeg", PICTURE));
            StubGateway.answer(ids.get(1), new StubGateway.Answer(200, "application/pdf",
                    "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
            StubGateway.answer(ids.get(3), new StubGateway.Answer(502, "application/problem+json",
                    "{\"status\":502}".getBytes(StandardCharsets.UTF_8)));
            StubGateway.answer(ids.get(4), new StubGateway.Answer(200, "image/png", new byte[] { 7 }));
            message = mms(owner, ids, List.of("image/jpeg", "application/pdf", "video/mp4", "image/png", "image/png"));
        }
        return message;
    }

    @Test
    void listsTheMediaAndStreamsEachItemToWhoMaySeeTheConversation() {
        Message message = shared();
        String token = TestTokens.seller(owner);

        assertThat(message.media()).hasSize(5).first().isEqualTo(
                Map.of("index", 0, "contentType", "image/jpeg", "href", message.href(0)));
        assertThat(message.media().get(1)).isEqualTo(
                Map.of("index", 1, "contentType", "application/pdf", "href", message.href(1)));
        byte[] body = given().auth().oauth2(token).when().get(message.href(0)).then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .extract().asByteArray();
        assertThat(body).isEqualTo(PICTURE);
        assertThat(given().auth().oauth2(token).when().get(message.href(1)).then().statusCode(200)
                .contentType("application/pdf").extract().asString()).isEqualTo("%PDF-1.7");
        // Item 2 is one the gateway does not know (the provider no longer has it); there is no item 5.
        problem(given().auth().oauth2(token).when().get(message.href(2)).then(), 404, "media-not-found");
        problem(given().auth().oauth2(token).when().get(message.base() + "5").then(), 404, "media-not-found");
        problem(given().auth().oauth2(token).when().get(message.base() + "-1").then(), 404, "media-not-found");
    }

    @Test
    void aStrangerGets404BeforeTheGatewayIsAsked() {
        Message message = shared();
        int asked = StubGateway.requests();

        problem(given().auth().oauth2(TestTokens.seller(unique("stranger"))).when().get(message.href(0)).then(),
                404, null).body("detail", equalTo("There is no conversation with this id that you may see"));
        problem(given().auth().oauth2(TestTokens.seller(owner)).when()
                .get("/api/conversations/" + UUID.randomUUID() + "/messages/" + message.id() + "/media/0").then(),
                404, null);
        problem(given().auth().oauth2(TestTokens.seller(owner)).when()
                .get("/api/conversations/" + message.conversationId() + "/messages/" + UUID.randomUUID()
                        + "/media/0").then(), 404, "media-not-found");

        assertThat(StubGateway.requests()).isEqualTo(asked);
        given().when().get(message.href(0)).then().statusCode(401);
        // The admin sees every conversation.
        given().auth().oauth2(TestTokens.admin(unique("admin"))).when().get(message.href(4)).then().statusCode(200);
    }

    @Test
    void saysClearlyWhenTheGatewayFailsOrIsDown() {
        Message message = shared();
        String token = TestTokens.seller(owner);

        problem(given().auth().oauth2(token).when().get(message.href(3)).then(), 502, "media-unavailable");

        StubGateway.down(true);
        problem(given().auth().oauth2(token).when().get(message.href(4)).then(), 503, "media-gateway-unavailable")
                .header("Retry-After", "5");
        StubGateway.down(false);
        given().auth().oauth2(token).when().get(message.href(4)).then().statusCode(200);
    }

    /** The history's view of a message: its ids and its media list. */
    private record Message(String conversationId, String id, List<Map<String, Object>> media) {

        String base() {
            return "/api/conversations/" + conversationId + "/messages/" + id + "/media/";
        }

        String href(int index) {
            return base() + index;
        }
    }

    /** An MMS with these media ids attached to a contact of {@code owner}, as the history shows it. */
    @SuppressWarnings("unchecked")
    private static Message mms(String owner, List<String> mediaIds, List<String> types) {
        RecordRef record = contact(owner);
        List<MediaReference> media = new java.util.ArrayList<>();
        for (int i = 0; i < mediaIds.size(); i++) {
            media.add(new MediaReference(mediaIds.get(i), types.get(i)));
        }
        InboundMessageReceived inbound = new InboundMessageReceived("twilio", unique("MM"), number(), number(),
                "see attached", Fixtures.now(), media, 1);
        publish(kafka, new MessageAttached(EventIds.inboundMessage("twilio", inbound.providerMessageId()), inbound,
                record, "single candidate", List.of(new AlertRecipient(owner, true))));
        String token = TestTokens.seller(owner);
        String conversationId = awaitConversation(token, inbound.from(), inbound.to());
        Map<String, Object> message = awaitMessages(token, conversationId, 1).get(0);
        return new Message(conversationId, (String) message.get("id"), (List<Map<String, Object>>) message.get("media"));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        response.statusCode(status).contentType(startsWith("application/problem+json")).body("status", equalTo(status));
        if (slug != null) {
            response.body("type", equalTo("https://sms-conversations.io/problems/" + slug));
        }
        return response;
    }
}
