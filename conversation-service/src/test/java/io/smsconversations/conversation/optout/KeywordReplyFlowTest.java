package io.smsconversations.conversation.optout;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.awaitMessages;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.conversation.send.SendRequests;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * Issue 14 item 3 through the real broker and database: keywords are answered automatically, once, through the send
 * path (SendRequested via the outbox), in the keyword's locale or with the business number's own text; the STOP
 * confirmation reaches a customer whom sellers may no longer text.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class KeywordReplyFlowTest {

    /** The business number application.properties gives its own HELP text in the test profile. */
    static final String NUMBER_WITH_OWN_HELP = "+14255550042";
    private static final String PROBLEMS = "https://sms-conversations.io/problems/";

    private static final KafkaTestClient kafka = Fixtures.kafka();

    @ConfigProperty(name = "conversation.keywords.locales.en.replies.opt-out")
    String englishOptOut;

    @ConfigProperty(name = "conversation.keywords.locales.en.replies.opt-in")
    String englishOptIn;

    @ConfigProperty(name = "conversation.keywords.locales.en.replies.help")
    String englishHelp;

    @ConfigProperty(name = "conversation.keywords.locales.fr-CA.replies.opt-out")
    String frenchOptOut;

    @ConfigProperty(name = "conversation.keywords.locales.fr-CA.replies.help")
    String frenchHelp;

    @ConfigProperty(name = "conversation.keywords.numbers.\"+14255550042\".help")
    String ownHelp;

    @Test
    void aStopIsConfirmedOnceThroughTheSendPathWhileSellersStayRefused() {
        Line line = Line.open(kafka);
        MessageAttached stop = attached(line.record(), line.customer(), line.business(), " stop ", Fixtures.now(),
                List.of());
        String stopEventId = publish(kafka, stop);
        UUID replyId = KeywordReplies.messageId(stopEventId);

        CloudEventRecord request = kafka.awaitOne(Topics.SEND_REQUESTS,
                e -> SendRequests.eventId(replyId).equals(e.id()), EVENTUALLY);
        assertThat(request.type()).isEqualTo(EventTypes.SEND_REQUESTED);
        SendRequested sent = request.dataAs(SendRequested.class);
        assertThat(sent.body()).isEqualTo(englishOptOut);
        assertThat(sent.from()).isEqualTo(line.business());
        assertThat(sent.to()).isEqualTo(line.customer());
        assertThat(sent.provider()).isEqualTo("twilio");
        assertThat(sent.sentBy()).isNull();
        assertThat(sent.messageId()).isEqualTo(replyId.toString());

        Map<String, Object> reply = awaitMessages(line.token(), line.conversationId(), 3).get(2);
        assertThat(reply).containsEntry("id", replyId.toString()).containsEntry("direction", "OUTBOUND")
                .containsEntry("autoReply", "OPT_OUT").containsEntry("body", englishOptOut);
        assertThat(((Map<?, ?>) reply.get("delivery")).get("status")).isEqualTo("QUEUED");
        optOut(line).body("optedOut", equalTo(true)).body("keyword", equalTo("STOP"));

        // The same attach event again, then an ordinary reply behind it on the same key: once that one is stored,
        // the repeat has been handled, and it answered nothing.
        publish(kafka, stop);
        publish(kafka, attached(line.record(), line.customer(), line.business(), "ok", Fixtures.now(), List.of()));
        awaitMessages(line.token(), line.conversationId(), 4);
        assertThat(TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ? AND auto_reply IS NOT NULL",
                UUID.fromString(line.conversationId()))).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM outbox_event WHERE ce_id = ?",
                SendRequests.eventId(replyId))).isEqualTo(1);
        assertThat(kafka.collect(Topics.SEND_REQUESTS, e -> SendRequests.eventId(replyId).equals(e.id()),
                java.time.Duration.ofSeconds(1))).hasSize(1);

        line.send("Are you sure?").statusCode(409).body("type", equalTo(PROBLEMS + "recipient-opted-out"))
                .body("keyword", equalTo("STOP"));
    }

    @Test
    void startIsConfirmedAndArretAndAideAreAnsweredInFrench() {
        Line line = Line.open(kafka);
        Instant at = Fixtures.now();
        publish(kafka, attached(line.record(), line.customer(), line.business(), "Arrêt", at, List.of()));
        publish(kafka, attached(line.record(), line.customer(), line.business(), "START", at.plusSeconds(1),
                List.of()));
        publish(kafka, attached(line.record(), line.customer(), line.business(), "aide", at.plusSeconds(2),
                List.of()));

        List<Map<String, Object>> history = awaitMessages(line.token(), line.conversationId(), 7);
        assertThat(history).filteredOn(m -> m.get("autoReply") != null)
                .extracting(m -> m.get("autoReply") + ": " + m.get("body"))
                .containsExactly("OPT_OUT: " + frenchOptOut, "OPT_IN: " + englishOptIn, "HELP: " + frenchHelp);
        // AIDE changed nothing: START was the last word on it.
        optOut(line).body("optedOut", equalTo(false)).body("keyword", equalTo("START"));
        assertThat(TestDatabase.value("SELECT keyword FROM opt_out WHERE customer_number = ? AND business_number = ?",
                line.customer(), line.business())).isEqualTo("START");
    }

    @Test
    void helpIsAnsweredWithTheBusinessNumbersOwnTextAndNothingElseChanges() {
        String seller = Fixtures.unique("seller");
        Line line = Line.open(kafka, seller, seller, true, NUMBER_WITH_OWN_HELP, Instant.now());
        publish(kafka, attached(line.record(), line.customer(), line.business(), "HELP", Fixtures.now(), List.of()));

        Map<String, Object> reply = awaitMessages(line.token(), line.conversationId(), 3).get(2);
        assertThat(reply).containsEntry("autoReply", "HELP").containsEntry("body", ownHelp);
        assertThat(ownHelp).isNotEqualTo(englishHelp);
        optOut(line).body("optedOut", equalTo(false)).body("cause", equalTo(null));
        // Sellers still send: HELP is no opt-out.
        line.send("Happy to help").statusCode(202);
    }

    @Test
    void aKeywordToANumberTheDirectoryDoesNotKnowStillAppliesButIsNotAnswered() {
        RecordRefs refs = RecordRefs.unknownNumber();
        double before = Fixtures.metric("conversation_keyword_replies_total{kind=\"OPT_OUT\",outcome=\"no-provider\"");
        publish(kafka, attached(refs.record(), refs.customer(), refs.business(), "STOP", Fixtures.now(),
                List.of(new io.smsconversations.events.AlertRecipient(refs.seller(), true))));
        String token = io.smsconversations.testing.TestTokens.seller(refs.seller());
        String conversationId = Fixtures.awaitConversation(token, refs.customer(), refs.business());

        org.awaitility.Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/conversations/" + conversationId + "/opt-out")
                .then().statusCode(200).body("optedOut", equalTo(true)));
        assertThat(messages(token, conversationId)).extracting(m -> m.get("direction")).containsExactly("INBOUND");
        assertThat(Fixtures.metric("conversation_keyword_replies_total{kind=\"OPT_OUT\",outcome=\"no-provider\""))
                .isEqualTo(before + 1);
    }

    /** A record owned by a seller, on a business number the directory projection has never heard of. */
    private record RecordRefs(String seller, io.smsconversations.events.RecordRef record, String customer,
            String business) {

        static RecordRefs unknownNumber() {
            String seller = Fixtures.unique("seller");
            return new RecordRefs(seller, Fixtures.contact(seller), Fixtures.number(), Fixtures.number());
        }
    }

    private static io.restassured.response.ValidatableResponse optOut(Line line) {
        return given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/opt-out").then().statusCode(200);
    }
}
