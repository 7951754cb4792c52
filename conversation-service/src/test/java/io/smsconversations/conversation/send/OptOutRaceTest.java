package io.smsconversations.conversation.send;

import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.optout.OptOuts;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * A send and a STOP of the same pair at the same moment are serialised by the pair's opt-out lock. The test plays one
 * side in its own JDBC transaction holding that lock, and lets the service's other side run into it: whichever
 * commits first, the other sees its outcome.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class OptOutRaceTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();

    private static final String WAITERS = """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 3 AND objid = CAST(hashtext(?) AS oid) AND objsubid = 2
              AND NOT granted""";

    @Test
    void aSendThatCheckedWhileAStopWasCommittingIsRefusedOnceItCommits() throws Exception {
        Line line = Line.open(kafka);
        String pair = OptOuts.pairKey(line.customer(), line.business());

        CompletableFuture<ExtractableResponse<Response>> send;
        try (Connection stop = transaction()) {
            // The STOP's transaction: the pair's lock, then its opted-out state, not committed yet.
            lockPair(stop, pair);
            try (PreparedStatement write = stop.prepareStatement("""
                    INSERT INTO opt_out (customer_number, business_number, opted_out, changed_at, source_event_id,
                            cause, keyword)
                    VALUES (?, ?, true, now(), 'race-stop', 'KEYWORD', 'STOP')""")) {
                write.setString(1, line.customer());
                write.setString(2, line.business());
                write.executeUpdate();
            }

            // The send's early check still reads "not opted out"; its transaction then waits for the pair's lock.
            send = CompletableFuture.supplyAsync(() -> line.send("Are you still there?").extract());
            awaitWaitingFor(pair);
            assertThat(send).isNotDone();
            stop.commit();
        }

        ExtractableResponse<Response> refused = send.get();
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("type"))
                .isEqualTo("https://sms-conversations.io/problems/recipient-opted-out");
        assertThat(line.outboundMessages()).isZero();
        assertThat(line.sendRequestsInOutbox()).isZero();
    }

    @Test
    void aStopArrivingWhileASendIsInsertingWaitsForTheSendToCommit() throws Exception {
        Line line = Line.open(kafka);
        String pair = OptOuts.pairKey(line.customer(), line.business());

        try (Connection sending = transaction()) {
            // The send's transaction holds the pair's lock: the STOP's transaction must wait for its commit.
            lockPair(sending, pair);
            publish(kafka, attached(line.record(), line.customer(), line.business(), "STOP", Fixtures.now(),
                    List.of()));
            awaitWaitingFor(pair);
            assertThat(TestDatabase.count("SELECT count(*) FROM opt_out WHERE customer_number = ?",
                    line.customer())).isZero();
            assertThat(TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ?::uuid",
                    line.conversationId())).isEqualTo(1);
            sending.commit();
        }

        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> Boolean.TRUE.equals(
                TestDatabase.value("SELECT opted_out FROM opt_out WHERE customer_number = ? AND business_number = ?",
                        line.customer(), line.business())));
        // Hello, the STOP, and the STOP's automatic confirmation (issue 14 item 3), stored with it.
        assertThat(TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ?::uuid",
                line.conversationId())).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ?::uuid "
                + "AND auto_reply = 'OPT_OUT'", line.conversationId())).isEqualTo(1);
        line.send("After the STOP").statusCode(409);
    }

    @Test
    void aProvidersOptOutReportAlsoWaitsForASendInFlight() throws Exception {
        Line line = Line.open(kafka);
        String pair = OptOuts.pairKey(line.customer(), line.business());
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        try (Connection sending = transaction()) {
            lockPair(sending, pair);
            DeliveryReportReceived report = new DeliveryReportReceived("twilio", sid, DeliveryStatus.FAILED,
                    FailureReason.RecipientOptedOut, "21610", "failed", line.business(), line.customer(),
                    Fixtures.now());
            kafka.publishEvent(Topics.DELIVERY_REPORTS, sid, EventIds.deliveryReport("twilio", sid,
                    DeliveryStatus.FAILED), EventTypes.DELIVERY_REPORT_RECEIVED, report);
            awaitWaitingFor(pair);
            assertThat(TestDatabase.count("SELECT count(*) FROM pending_delivery_report WHERE provider_message_id = ?",
                    sid)).isZero();
            sending.commit();
        }

        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> Boolean.TRUE.equals(
                TestDatabase.value("SELECT opted_out FROM opt_out WHERE customer_number = ? AND business_number = ?",
                        line.customer(), line.business())));
        line.send("After the report").statusCode(409);
    }

    /** Until one of the service's transactions waits for the pair's lock the test holds. */
    private static void awaitWaitingFor(String pair) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(50))
                .until(() -> TestDatabase.count(WAITERS, pair) == 1);
    }

    private static void lockPair(Connection connection, String pair) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(3, hashtext(?))")) {
            lock.setString(1, pair);
            lock.executeQuery().close();
        }
    }

    private static Connection transaction() throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        connection.setAutoCommit(false);
        return connection;
    }
}
