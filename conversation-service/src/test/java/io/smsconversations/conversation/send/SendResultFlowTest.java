package io.smsconversations.conversation.send;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationOptOutChanged;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * The gateway's send results and the provider's delivery reports on a sent message, through the real broker: in
 * order, reports before the acceptance, failures, repeats; each forward step announced once.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class SendResultFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();
    private static final String DLQ = Topics.SEND_RESULTS + ".dlq.conversation-service";

    @Test
    void acceptedGivesTheProviderIdThenReportsMoveItForwardAndEachStepIsAnnounced() {
        Line line = Line.open(kafka);
        String messageId = line.send("Our offer").statusCode(202).extract().path("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        accepted(line, messageId, sid, acceptedAt);
        await().atMost(EVENTUALLY).until(() -> sid.equals(message(line, messageId).get("providerMessageId")));
        assertThat(delivery(line, messageId)).containsEntry("status", "QUEUED");

        Instant sentAt = acceptedAt.plusSeconds(1);
        report(line, sid, DeliveryStatus.SENT, null, null, sentAt);
        report(line, sid, DeliveryStatus.DELIVERED, null, null, sentAt.plusSeconds(2));
        report(line, sid, DeliveryStatus.SENT, null, null, sentAt.plusSeconds(3)); // late: changes nothing
        await().atMost(EVENTUALLY).until(() -> "DELIVERED".equals(delivery(line, messageId).get("status")));

        CloudEventRecord sent = statusEvent(messageId, DeliveryStatus.SENT);
        assertThat(sent.key()).isEqualTo(line.conversationId());
        assertThat(sent.type()).isEqualTo(EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED);
        assertThat(sent.subject()).isEqualTo(line.conversationId());
        assertThat(sent.dataAs(ConversationMessageStatusChanged.class)).isEqualTo(
                new ConversationMessageStatusChanged(line.conversationId(), messageId, line.record(),
                        line.customer(), line.business(), line.seller(), DeliveryStatus.SENT, null, null, "sent",
                        sentAt));
        assertThat(statusEvent(messageId, DeliveryStatus.DELIVERED).dataAs(ConversationMessageStatusChanged.class)
                .changedAt()).isEqualTo(sentAt.plusSeconds(2));
        assertThat(line.outboxEvents(EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED)).isEqualTo(2);
    }

    @Test
    void reportsThatArriveBeforeTheAcceptanceAreKeptAndAppliedWhenItArrives() {
        Line line = Line.open(kafka);
        String messageId = line.send("Fast provider").statusCode(202).extract().path("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        report(line, sid, DeliveryStatus.DELIVERED, null, null, at.plusSeconds(2));
        report(line, sid, DeliveryStatus.SENT, null, null, at.plusSeconds(1));
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM pending_delivery_report WHERE provider_message_id = ?", sid) == 2);
        assertThat(delivery(line, messageId)).containsEntry("status", "QUEUED");

        accepted(line, messageId, sid, at);

        await().atMost(EVENTUALLY).until(() -> "DELIVERED".equals(delivery(line, messageId).get("status")));
        assertThat(message(line, messageId)).containsEntry("providerMessageId", sid);
        assertThat(delivery(line, messageId)).containsEntry("updatedAt", at.plusSeconds(2).toString());
        assertThat(TestDatabase.count("SELECT count(*) FROM pending_delivery_report WHERE provider_message_id = ?",
                sid)).isZero();
        // Applied oldest first: sent, then delivered, each announced.
        statusEvent(messageId, DeliveryStatus.SENT);
        statusEvent(messageId, DeliveryStatus.DELIVERED);
    }

    @Test
    void sendFailedFailsTheMessageWithItsReasonOnceHoweverOftenItArrives() {
        Line line = Line.open(kafka);
        String messageId = line.send("To a landline").statusCode(202).extract().path("id");
        Instant failedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SendFailed failed = new SendFailed(messageId, line.conversationId(), messageId, "twilio",
                FailureReason.InvalidSendingParameters, "21211", "The 'To' number is not a valid phone number.",
                failedAt);
        String eventId = EventIds.derived("send-failed", messageId);

        kafka.publishEvent(Topics.SEND_RESULTS, messageId, eventId, EventTypes.SEND_FAILED, failed);
        kafka.publishEvent(Topics.SEND_RESULTS, messageId, eventId, EventTypes.SEND_FAILED, failed);

        await().atMost(EVENTUALLY).until(() -> "FAILED".equals(delivery(line, messageId).get("status")));
        assertThat(delivery(line, messageId))
                .containsEntry("reason", "InvalidSendingParameters")
                .containsEntry("providerCode", "21211")
                .containsEntry("providerText", "The 'To' number is not a valid phone number.")
                .containsEntry("updatedAt", failedAt.toString());
        CloudEventRecord event = statusEvent(messageId, DeliveryStatus.FAILED);
        assertThat(event.dataAs(ConversationMessageStatusChanged.class)).isEqualTo(
                new ConversationMessageStatusChanged(line.conversationId(), messageId, line.record(),
                        line.customer(), line.business(), line.seller(), DeliveryStatus.FAILED,
                        FailureReason.InvalidSendingParameters, "21211",
                        "The 'To' number is not a valid phone number.", failedAt));
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM send_result WHERE message_id = ?", UUID.fromString(messageId)) == 1);
        assertThat(kafka.collect(Topics.CONVERSATION_EVENTS,
                e -> EventIds.messageStatus(messageId, DeliveryStatus.FAILED).equals(e.id()), Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(line.outboxEvents(EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED)).isEqualTo(1);
    }

    @Test
    void aRepeatedAcceptanceChangesNothingAndAnOptedOutReportMarksThePair() {
        Line line = Line.open(kafka);
        String messageId = line.send("Hello again").statusCode(202).extract().path("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        accepted(line, messageId, sid, at);
        accepted(line, messageId, sid, at);
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM send_result WHERE message_id = ?", UUID.fromString(messageId)) == 1);
        report(line, sid, DeliveryStatus.FAILED, FailureReason.RecipientOptedOut, "21610", at.plusSeconds(1));

        await().atMost(EVENTUALLY).until(() -> "FAILED".equals(delivery(line, messageId).get("status")));
        assertThat(delivery(line, messageId)).containsEntry("reason", "RecipientOptedOut");
        String reportId = EventIds.deliveryReport("twilio", sid, DeliveryStatus.FAILED);
        CloudEventRecord optOut = kafka.awaitOne(Topics.CONVERSATION_EVENTS,
                e -> EventIds.derived("opt-out-changed", reportId).equals(e.id()), EVENTUALLY);
        assertThat(optOut.dataAs(ConversationOptOutChanged.class)).isEqualTo(new ConversationOptOutChanged(
                line.conversationId(), line.customer(), line.business(), true, "PROVIDER_REPORT", reportId,
                at.plusSeconds(1)));
        line.send("Are you there?").statusCode(409);
    }

    /** Issue 16: STOP, START, then the provider's 21610: the refusal and the pane name the report, not a STOP. */
    @Test
    void aProviderOptOutAfterStopAndStartIsWhatTheRefusalAndThePaneName() {
        Line line = Line.open(kafka);
        Instant at = Fixtures.now().plusSeconds(1);
        Fixtures.publish(kafka, Fixtures.attached(line.record(), line.customer(), line.business(), "STOP", at,
                List.of()));
        Fixtures.publish(kafka, Fixtures.attached(line.record(), line.customer(), line.business(), "Start",
                at.plusSeconds(1), List.of()));
        await().atMost(EVENTUALLY).until(() -> "START".equals(optOut(line).get("keyword")));
        assertThat(optOut(line)).containsEntry("optedOut", false).containsEntry("cause", "KEYWORD")
                .containsEntry("changedAt", at.plusSeconds(1).toString());
        String messageId = line.send("Welcome back").statusCode(202).extract().path("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        accepted(line, messageId, sid, at.plusSeconds(2));
        Instant reportedAt = at.plusSeconds(3);
        report(line, sid, DeliveryStatus.UNDELIVERED, FailureReason.RecipientOptedOut, "21610", reportedAt);

        await().atMost(EVENTUALLY).until(() -> Boolean.TRUE.equals(optOut(line).get("optedOut")));
        Map<String, Object> state = optOut(line);
        assertThat(state).containsEntry("cause", "PROVIDER_REPORT").containsEntry("provider", "twilio")
                .containsEntry("providerCode", "21610").containsEntry("changedAt", reportedAt.toString());
        assertThat(state.get("keyword")).isNull();
        var refusal = line.send("Are you there?").statusCode(409).extract().jsonPath();
        assertThat(refusal.getString("type")).isEqualTo("https://sms-conversations.io/problems/recipient-opted-out");
        assertThat(refusal.getString("detail")).isEqualTo("recipient opted out of this number: the provider (twilio, "
                + "error code 21610) reported on " + reportedAt + " that the recipient has opted out of messages "
                + "from this business number; nothing is sent to them until they text START, YES or UNSTOP to it; "
                + "nothing was sent");
        assertThat(refusal.getString("cause")).isEqualTo("PROVIDER_REPORT");
        assertThat(refusal.getString("optedOutAt")).isEqualTo(reportedAt.toString());
        assertThat(refusal.getString("provider")).isEqualTo("twilio");
        assertThat(refusal.getString("providerCode")).isEqualTo("21610");
        assertThat(refusal.getString("keyword")).isNull();
        assertThat(line.outboundMessages()).isEqualTo(1);
    }

    @Test
    void unreadableResultsAreDeadLetteredAndTheNextOneStillApplies() {
        Line line = Line.open(kafka);
        String messageId = line.send("After the poison").statusCode(202).extract().path("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        kafka.publishEvent(Topics.SEND_RESULTS, messageId, unique("id"), EventTypes.SEND_ACCEPTED, "{\"requestId\":");
        kafka.publishEvent(Topics.SEND_RESULTS, messageId, unique("id"), "io.smsconversations.unknown.v9", "{}");
        kafka.publishEvent(Topics.SEND_RESULTS, messageId, unique("id"), EventTypes.SEND_ACCEPTED,
                new SendAccepted(messageId, line.conversationId(), "not-a-uuid", "twilio", sid, Instant.now()));
        kafka.publishRaw(Topics.SEND_RESULTS, messageId, "no headers");
        accepted(line, messageId, sid, Instant.now());

        assertThat(kafka.await(DLQ, e -> messageId.equals(e.key()), 4, EVENTUALLY)).hasSize(4);
        await().atMost(EVENTUALLY).until(() -> sid.equals(message(line, messageId).get("providerMessageId")));
    }

    private static void accepted(Line line, String messageId, String sid, Instant at) {
        SendAccepted accepted = new SendAccepted(messageId, line.conversationId(), messageId, "twilio", sid, at);
        kafka.publishEvent(Topics.SEND_RESULTS, messageId, EventIds.derived("send-accepted", messageId),
                EventTypes.SEND_ACCEPTED, accepted);
    }

    private static void report(Line line, String sid, DeliveryStatus status, FailureReason reason, String code,
            Instant at) {
        DeliveryReportReceived report = new DeliveryReportReceived("twilio", sid, status, reason, code,
                status.name().toLowerCase(), line.business(), line.customer(), at);
        kafka.publishEvent(Topics.DELIVERY_REPORTS, sid, EventIds.deliveryReport("twilio", sid, status),
                EventTypes.DELIVERY_REPORT_RECEIVED, report);
    }

    private static CloudEventRecord statusEvent(String messageId, DeliveryStatus status) {
        String id = EventIds.messageStatus(messageId, status);
        return kafka.awaitOne(Topics.CONVERSATION_EVENTS, e -> id.equals(e.id()), EVENTUALLY);
    }

    private static Map<String, Object> message(Line line, String messageId) {
        return RestAssured.given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/messages/" + messageId)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static Map<String, Object> optOut(Line line) {
        return RestAssured.given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/opt-out")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delivery(Line line, String messageId) {
        return (Map<String, Object>) message(line, messageId).get("delivery");
    }

    static List<String> ids(List<CloudEventRecord> records) {
        return records.stream().map(CloudEventRecord::id).toList();
    }
}
