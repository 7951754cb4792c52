package io.smsconversations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static io.smsconversations.notification.ConversationEvents.unprivileged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.notification.live.NotificationHub;
import io.smsconversations.notification.live.StreamSlots;
import io.smsconversations.testing.BearerProbe;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class LiveStreamTest {

    /** SPEC §7 says within a second; a few here leaves room for a busy build machine. */
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @TestHTTPResource("/api/notifications")
    URI inbox;

    @Inject
    StreamSlots slots;

    @OidcWireMock
    WireMockServer oidcServer;

    @Inject
    NotificationHub hub;

    @Test
    void aNewNotificationReachesEveryStreamOfItsRecipientAndNoOtherSeller() throws Exception {
        String seller = unique("seller");
        String other = unique("seller");
        try (SseClient tab1 = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient tab2 = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient otherTab = SseClient.connect(stream, TestTokens.seller(other))) {
            assertThat(hub.openStreams(seller)).isEqualTo(2);

            ConversationMessageAdded event = inbound("Can we meet tomorrow?", privileged(seller));
            publish(event);

            await().atMost(LIVE).until(() -> tab1.events().size() == 1 && tab2.events().size() == 1);
            SseClient.Event received = tab1.events().get(0);
            JsonNode data = JSON.readTree(received.data());
            assertThat(data.get("kind").asText()).isEqualTo("INBOUND_MESSAGE");
            assertThat(data.get("title").asText()).isEqualTo("New SMS from ***0123");
            assertThat(data.get("text").asText()).isEqualTo("Ada Lovelace: Can we meet tomorrow?");
            assertThat(data.get("link").get("conversationId").asText()).isEqualTo(event.conversationId());
            assertThat(data.get("readAt").isNull()).isTrue();
            // the SSE id is the notification id, the one the list shows (and Last-Event-ID will resume from)
            assertThat(received.id()).isEqualTo(data.get("id").asText());
            Map<String, Object> listed = Inbox.about(TestTokens.seller(seller), event.conversationId()).get(0);
            assertThat(received.id()).isEqualTo(String.valueOf(listed.get("id")));
            assertThat(tab2.events().get(0)).isEqualTo(received);
            // on the wire: the connected comment, then one event of exactly an id and one data line
            assertThat(tab1.linesWithoutHeartbeats()).containsExactly(":connected", "", "id:" + received.id(),
                    "data:" + received.data(), "");

            // the other seller's stream stays silent, even after a later notification of its own has arrived
            ConversationMessageAdded forOther = inbound("for the other seller", privileged(other));
            publish(forOther);
            await().atMost(LIVE).until(() -> otherTab.events().size() == 1);
            assertThat(JSON.readTree(otherTab.events().get(0).data()).get("link").get("conversationId").asText())
                    .isEqualTo(forOther.conversationId());
            assertThat(tab1.events()).hasSize(1);
        }
        await().atMost(LIVE).until(() -> hub.openStreams(seller) == 0 && hub.openStreams(other) == 0);
    }

    @Test
    void aSellerWithoutThePrivilegeIsToldLiveThatItIsMissing() throws Exception {
        String seller = unique("seller");
        try (SseClient tab = SseClient.connect(stream, TestTokens.token(seller))) {
            publish(inbound("a private reply", unprivileged(seller)));

            await().atMost(LIVE).until(() -> tab.events().size() == 1);
            JsonNode data = JSON.readTree(tab.events().get(0).data());
            assertThat(data.get("kind").asText()).isEqualTo("MISSING_SELLER_PRIVILEGE");
            assertThat(data.get("text").asText()).contains("contact your administrator")
                    .doesNotContain("a private reply");
        }
    }

    @Test
    void aDuplicateEventIsNotPushedTwice() throws Exception {
        String seller = unique("seller");
        try (SseClient tab = SseClient.connect(stream, TestTokens.seller(seller))) {
            ConversationMessageAdded event = inbound("once", privileged(seller));
            publish(event);
            publish(event);
            publish(InboxTest.sameConversation(event, "twice", privileged(seller)));

            await().atMost(LIVE).until(() -> tab.events().size() >= 2);
            Thread.sleep(500); // give a wrongly pushed copy the chance to show up
            assertThat(tab.events()).extracting(e -> JSON.readTree(e.data()).get("text").asText())
                    .containsExactly("Ada Lovelace: once", "Ada Lovelace: twice");
        }
    }

    /** Issue 11.10: the stream ends when its token does, so a revoked seller does not keep reading for ever. */
    @Test
    void aStreamEndsWhenItsTokenExpiresAndTheAppResumesWithANewToken() throws Exception {
        String seller = unique("seller");
        double expiredBefore = metric("notification_streams_closed_expired_total");
        String shortLived = TestTokens.expiringAt(Instant.now().plusSeconds(5), seller, "seller");
        try (SseClient tab = SseClient.connect(stream, shortLived)) {
            await().atMost(Duration.ofSeconds(20)).until(tab::ended);
            assertThat(tab.comments()).contains("token-expired");
            await().atMost(LIVE).until(() -> hub.openStreams(seller) == 0);
            assertThat(metric("notification_streams_closed_expired_total")).isGreaterThan(expiredBefore);

            // The expired token opens nothing; a new one resumes where the old stream ended.
            assertThat(SseClient.status(stream, shortLived)).isEqualTo(401);
            publish(inbound("while reconnecting", privileged(seller)));
            try (SseClient resumed = SseClient.resume(stream, TestTokens.seller(seller), "0")) {
                await().atMost(LIVE).until(() -> resumed.events().size() == 1);
                assertThat(JSON.readTree(resumed.events().get(0).data()).get("text").asText())
                        .isEqualTo("Ada Lovelace: while reconnecting");
            }
        }
    }

    /** Issue 11.10: one token cannot open streams without end. */
    @Test
    void aSellerHoldsAtMostTheConfiguredNumberOfStreamsAndOneMoreIsA429Problem() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        int max = slots.maxPerSeller();
        List<SseClient> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                tabs.add(SseClient.connect(stream, token));
            }
            given().auth().oauth2(token).accept("text/event-stream").when().get("/api/notifications/stream")
                    .then().statusCode(429).contentType(startsWith("application/problem+json"))
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(429))
                    .body("detail", containsString(max + " live notification streams open"));
            assertThat(hub.openStreams(seller)).isEqualTo(max);
            // Another seller is not affected.
            try (SseClient other = SseClient.connect(stream, TestTokens.seller(unique("seller")))) {
                assertThat(other.comments()).contains("connected");
            }

            // Closing one gives its slot back.
            tabs.remove(0).close();
            // Not a probe request: a probe's own stream holds the slot until the server sees it closed.
            await().atMost(LIVE).until(() -> hub.openStreams(seller) == max - 1);
            tabs.add(SseClient.connect(stream, token));
            assertThat(hub.openStreams(seller)).isEqualTo(max);
        } finally {
            tabs.forEach(SseClient::close);
        }
        await().atMost(LIVE).until(() -> hub.openStreams(seller) == 0);
    }

    /**
     * Issues 11.5 and 16.5: only tokens for this API (audience sms-api, the main profile's setting), verified
     * locally: another client's token, a bearer that is not a JWT and a JWT signed by an unknown key are 401
     * problems, without a call to the OIDC server's introspection endpoint and without an ERROR line.
     */
    @Test
    void onlyTokensForThisApiOpenAStreamAndBadBearersAreRefusedWithoutAskingTheOidcServer() {
        String seller = unique("seller");
        assertThat(BearerProbe.status(stream, TestTokens.seller(seller))).isEqualTo(200);
        for (URI endpoint : List.of(stream, inbox)) {
            List<BearerProbe> probes = BearerProbe.probe(endpoint, bearer -> oidcServer.findAll(
                    postRequestedFor(urlPathMatching(".*/introspect")).withRequestBody(containing(bearer))).size(),
                    seller, "seller");
            assertThat(probes).hasSize(4).allSatisfy(probe -> {
                assertThat(probe.status()).as(probe.kind()).isEqualTo(401);
                assertThat(probe.contentType()).as(probe.kind()).startsWith("application/problem+json");
                assertThat(probe.introspections()).as(probe.kind()).isZero();
                assertThat(probe.errors()).as(probe.kind()).isEmpty();
            });
        }
    }

    private static double metric(String name) {
        String prefix = name + " ";
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix) || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void refusesAStreamWithoutAValidToken() throws Exception {
        assertThat(SseClient.status(stream, null)).isEqualTo(401);
        assertThat(SseClient.status(stream, "not-a-token")).isEqualTo(401);
        given().accept("text/event-stream").when().get("/api/notifications/stream").then().statusCode(401);
    }
}
