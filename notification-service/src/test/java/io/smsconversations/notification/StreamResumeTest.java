package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/** Resuming a stream with Last-Event-ID, and heartbeats. The test profile replays at most 5 per connection. */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class StreamResumeTest {

    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    void aResumedStreamGetsWhatItMissedOnceThenTheLiveOnes() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        ConversationMessageAdded first = inbound("m1", privileged(seller));
        String lastSeen;
        try (SseClient tab = SseClient.connect(stream, token)) {
            publish(first);
            publish(InboxTest.sameConversation(first, "m2", privileged(seller)));
            await().atMost(LIVE).until(() -> tab.events().size() == 2);
            lastSeen = tab.events().get(1).id();
        }
        // missed while disconnected
        publish(InboxTest.sameConversation(first, "m3", privileged(seller)));
        publish(InboxTest.sameConversation(first, "m4", privileged(seller)));
        await().atMost(WAIT).until(() -> Inbox.of(token).size() == 4);

        try (SseClient resumed = SseClient.resume(stream, token, lastSeen)) {
            publish(InboxTest.sameConversation(first, "m5", privileged(seller)));
            await().atMost(LIVE).until(() -> resumed.events().size() >= 3);
            Thread.sleep(500); // room for a wrong duplicate to show up
            assertThat(texts(resumed)).containsExactly("Ada Lovelace: m3", "Ada Lovelace: m4", "Ada Lovelace: m5");
            assertThat(ids(resumed)).isEqualTo(idsOldestFirst(token).subList(2, 5));
            assertThat(resumed.ended()).isFalse();
        }
    }

    @Test
    void notificationsStoredWhileAStreamResumesArriveExactlyOnce() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        ConversationMessageAdded first = inbound("r1", privileged(seller));
        publish(first);
        await().atMost(WAIT).until(() -> Inbox.of(token).size() == 1);
        String before = String.valueOf(Inbox.of(token).get(0).get("id"));

        // four more are published while the stream opens and replays: each either in the replay or live
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 2; i <= 5; i++) {
                publish(InboxTest.sameConversation(first, "r" + i, privileged(seller)));
            }
        });
        try (SseClient resumed = SseClient.resume(stream, token, before)) {
            publishing.get();
            await().atMost(WAIT).until(() -> Inbox.of(token).size() == 5);
            await().atMost(LIVE).until(() -> resumed.events().size() >= 4);
            Thread.sleep(500);
            List<Long> expected = idsOldestFirst(token).subList(1, 5);
            assertThat(ids(resumed)).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        }
    }

    @Test
    void moreMissedThanOneReplayEndsTheStreamAndTheNextResumeGetsTheRest() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        ConversationMessageAdded first = inbound("b1", privileged(seller));
        publish(first);
        for (int i = 2; i <= 7; i++) {
            publish(InboxTest.sameConversation(first, "b" + i, privileged(seller)));
        }
        await().atMost(WAIT).until(() -> Inbox.of(token).size() == 7);
        List<Long> all = idsOldestFirst(token);

        List<Long> received = new ArrayList<>();
        try (SseClient batch = SseClient.resume(stream, token, String.valueOf(all.get(0)))) {
            await().atMost(LIVE).until(batch::ended);
            received.addAll(ids(batch));
        }
        assertThat(received).isEqualTo(all.subList(1, 6)); // one batch of 5
        try (SseClient rest = SseClient.resume(stream, token, String.valueOf(received.get(4)))) {
            await().atMost(LIVE).until(() -> rest.events().size() == 1);
            assertThat(ids(rest)).containsExactly(all.get(6));
            assertThat(rest.ended()).isFalse();
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        try (SseClient tab = SseClient.connect(stream, TestTokens.seller(unique("seller")))) {
            // the test profile beats every second
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Collections.frequency(tab.comments(), "heartbeat") >= 2);
            assertThat(tab.events()).isEmpty();
            assertThat(tab.lines()).contains(":heartbeat");
        }
    }

    @Test
    void refusesAnInvalidLastEventId() throws Exception {
        String token = TestTokens.seller(unique("seller"));
        assertThat(SseClient.status(stream, token, "abc")).isEqualTo(400);
        assertThat(SseClient.status(stream, token, "-1")).isEqualTo(400);
        assertThat(SseClient.status(stream, null, "1")).isEqualTo(401);
    }

    private static List<Long> ids(SseClient client) {
        return client.events().stream().map(e -> Long.valueOf(e.id())).toList();
    }

    private static List<String> texts(SseClient client) {
        return client.events().stream()
                .map(e -> e.data().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1")).toList();
    }

    private static List<Long> idsOldestFirst(String token) {
        List<Long> ids = new ArrayList<>(
                Inbox.of(token).stream().map(n -> ((Number) n.get("id")).longValue()).toList());
        Collections.reverse(ids);
        return ids;
    }
}
