package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.moved;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.record;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * CONVERSATION_MOVED: the owners of the record a conversation left and of the record it joined are told, the seller
 * who moved it is not, and whoever owns both gets one notification.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class ConversationMovedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    @SuppressWarnings("unchecked")
    void tellsTheOwnersOfBothRecordsButNotTheMoverOnceEachAlsoLive() throws Exception {
        String oldTeam = unique("team");
        String newTeam = unique("team");
        String leaver = unique("seller"); // in the old team only
        String both = unique("seller"); // in both teams
        String joiner = unique("seller"); // in the new team only
        String mover = unique("seller"); // in the old team, moved it
        String stranger = unique("seller");
        Directory.seller(leaver, oldTeam);
        Directory.seller(both, oldTeam, newTeam);
        Directory.seller(joiner, newTeam);
        Directory.seller(mover, oldTeam);
        Directory.seller(stranger, unique("team"));
        Directory.awaitMembers(oldTeam, 3);
        Directory.awaitMembers(newTeam, 2);
        RecordRef from = record("Old Co", Owner.team(oldTeam));
        RecordRef to = record("New Co", Owner.team(newTeam));
        ConversationMoved move = moved(from, to, mover);

        try (SseClient leaverTab = SseClient.connect(stream, TestTokens.seller(leaver));
                SseClient joinerTab = SseClient.connect(stream, TestTokens.seller(joiner))) {
            publish(move);
            publish(move); // a duplicate: nothing more
            // the same conversation moved on by the leaver's seller-owned record: processed after both copies
            ConversationMoved onwards = new ConversationMoved(unique("move"), move.conversationId(), to,
                    record("Third Co", Owner.seller(stranger)), move.customerNumber(), move.businessNumber(), mover,
                    move.movedAt());
            publish(onwards);

            String strangerToken = TestTokens.seller(strangerOf(onwards));
            await().atMost(WAIT).until(() -> Inbox.about(strangerToken, move.conversationId()).size() == 1);

            assertThat(texts(leaver, move)).containsExactly(
                    "The conversation with ***0123 was moved away from your record Old Co to New Co.");
            assertThat(texts(both, move)).containsExactly(
                    "The conversation with ***0123 was moved away from your record New Co to Third Co.",
                    "The conversation with ***0123 was moved from your record Old Co to your record New Co.");
            assertThat(texts(joiner, move)).containsExactly(
                    "The conversation with ***0123 was moved away from your record New Co to Third Co.",
                    "The conversation with ***0123 was moved to your record New Co.");
            assertThat(texts(mover, move)).isEmpty();
            assertThat(texts(stranger, move))
                    .containsExactly("The conversation with ***0123 was moved to your record Third Co.");

            Map<String, Object> leaverNote = Inbox.about(TestTokens.seller(leaver), move.conversationId()).get(0);
            assertThat(leaverNote.get("kind")).isEqualTo("CONVERSATION_MOVED");
            assertThat(leaverNote.get("title")).isEqualTo("Conversation moved");
            // the link leads to the conversation on its new record
            assertThat((Map<String, Object>) leaverNote.get("link")).containsEntry("conversationId",
                    move.conversationId()).containsEntry("recordId", to.id()).containsEntry("recordType", "ACCOUNT");

            await().atMost(WAIT).until(() -> leaverTab.events().size() >= 1 && joinerTab.events().size() >= 2);
            Thread.sleep(300);
            assertThat(leaverTab.events()).hasSize(1);
            JsonNode pushed = JSON.readTree(leaverTab.events().get(0).data());
            assertThat(pushed.get("kind").asText()).isEqualTo("CONVERSATION_MOVED");
            assertThat(pushed.get("text").asText())
                    .isEqualTo("The conversation with ***0123 was moved away from your record Old Co to New Co.");
            assertThat(leaverTab.events().get(0).id()).isEqualTo(String.valueOf(leaverNote.get("id")));
            assertThat(joinerTab.events()).extracting(e -> JSON.readTree(e.data()).get("text").asText())
                    .containsExactly("The conversation with ***0123 was moved to your record New Co.",
                            "The conversation with ***0123 was moved away from your record New Co to Third Co.");
        }
    }

    @Test
    void aSellerOwnedRecordAndATeamMemberWhoLeftTheTeam() {
        String team = unique("team");
        String member = unique("seller");
        String former = unique("seller");
        String owner = unique("seller");
        Directory.seller(member, team);
        Directory.seller(former, team);
        Directory.awaitMembers(team, 2);
        Directory.deleted(former); // a tombstone: no longer a seller, so no longer a member
        Directory.awaitMembers(team, 1);
        ConversationMoved move = moved(record("Ada Lovelace", Owner.seller(owner)), record("Team Co", Owner.team(team)),
                owner);

        publish(move);

        await().atMost(WAIT).until(() -> texts(member, move).size() == 1);
        assertThat(texts(member, move)).containsExactly(
                "The conversation with ***0123 was moved to your record Team Co.");
        assertThat(texts(owner, move)).isEmpty(); // moved it themselves
        assertThat(texts(former, move)).isEmpty();
    }

    private static String strangerOf(ConversationMoved move) {
        return move.to().owner().sellerId();
    }

    private static List<Object> texts(String seller, ConversationMoved move) {
        return Inbox.about(TestTokens.seller(seller), move.conversationId()).stream().map(n -> n.get("text"))
                .toList();
    }
}
