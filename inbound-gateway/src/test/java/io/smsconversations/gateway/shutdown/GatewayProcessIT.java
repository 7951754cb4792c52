package io.smsconversations.gateway.shutdown;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;

/**
 * The packaged gateway as it runs in production (its own JVM, prod profile) on the real broker and database:
 * issue 10 item 7, SIGTERM while a send is at the provider (the send finishes and is recorded, no further record is
 * taken and none is lost), and issue 11 item 12, the simulator refused in a production run without its second flag.
 */
class GatewayProcessIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/twilio/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final Duration START = Duration.ofSeconds(90);

    private static WireMockServer twilio;
    private static KafkaTestClient kafka;
    private static ServiceDatabase database;

    @BeforeAll
    static void start() {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        database = infrastructure.postgres().database("gateway", true);
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        twilio.stop();
    }

    @Test
    void aSendAtTheProviderWhenSigtermArrivesFinishesAndIsRecordedAndNothingElseIsTaken() throws Exception {
        SendRequested inFlight = Sends.request("twilio");
        SendRequested afterSigterm = Sends.request("twilio");
        answer(inFlight, 3000);
        answer(afterSigterm, 0);
        ServiceProcess gateway = ServiceProcess.start(JAR, "gateway-sigterm", FreePorts.next(), config(Map.of()));
        try {
            gateway.awaitReady(START);
            Sends.publish(kafka, inFlight);
            await().atMost(Sends.AWAIT).until(() -> calls(inFlight) == 1);

            ProcessHandle process = ProcessHandle.of(gateway.pid()).orElseThrow();
            process.destroy();
            await().atMost(Sends.AWAIT).until(() -> gateway.log().contains("no further send request is taken"));
            Sends.publish(kafka, afterSigterm);
            process.onExit().get(60, TimeUnit.SECONDS);

            assertThat(gateway.log()).contains("Every send in flight finished");
            assertThat(state(inFlight)).isEqualTo("ACCEPTED");
            CloudEventRecord result = kafka.awaitOne(Topics.SEND_RESULTS,
                    r -> inFlight.messageId().equals(r.subject()), Sends.AWAIT);
            assertThat(result.dataAs(SendAccepted.class).providerMessageId()).isEqualTo(sid(inFlight));
            assertThat(calls(inFlight)).isEqualTo(1);
            assertThat(calls(afterSigterm)).as("taken while draining: not sent").isZero();
            assertThat(state(afterSigterm)).isNull();
        } finally {
            gateway.close();
        }

        // Not lost either: the next gateway sends it.
        try (ServiceProcess next = ServiceProcess.start(JAR, "gateway-after-sigterm", FreePorts.next(),
                config(Map.of()))) {
            next.awaitReady(START);
            CloudEventRecord result = kafka.awaitOne(Topics.SEND_RESULTS,
                    r -> afterSigterm.messageId().equals(r.subject()), Sends.AWAIT);
            assertThat(result.dataAs(SendAccepted.class).providerMessageId()).isEqualTo(sid(afterSigterm));
            assertThat(calls(afterSigterm)).isEqualTo(1);
            assertThat(calls(inFlight)).isEqualTo(1);
        }
    }

    @Test
    void aProductionRunWithTheSimulatorOnButNotAllowedRefusesToStart() {
        try (ServiceProcess gateway = ServiceProcess.start(JAR, "gateway-simulator-refused", FreePorts.next(),
                config(Map.of("gateway.simulator.enabled", "true")))) {
            assertThatThrownBy(() -> gateway.awaitReady(START)).hasMessageContaining("exited with");
            assertThat(gateway.log()).contains("gateway.simulator.enabled is true in a production run");
        }
    }

    private static Map<String, String> config(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", SuiteInfrastructure.get().kafkaBootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("quarkus.shutdown.timeout", "30s");
        // The provider's delay must read as slow, never as a timeout (an unknown outcome), on a loaded machine.
        config.put("gateway.send.request-timeout", "20s");
        config.put("gateway.send.lease.duration", "60s");
        config.put("gateway.twilio.api-base-url", "http://127.0.0.1:" + twilio.port() + "/twilio");
        config.put("gateway.twilio.account-sid", ACCOUNT);
        // A production run: no local default secret.
        config.put("gateway.twilio.auth-token", "it-twilio-auth-token");
        config.put("gateway.vonage.signature-secret", "it-vonage-signature-secret");
        config.put("gateway.acs.webhook-secret", "it-acs-webhook-secret");
        config.put("gateway.infobip.webhook-secret", "it-infobip-webhook-secret");
        config.putAll(extra);
        return config;
    }

    private static void answer(SendRequested request, int delayMillis) {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid(request) + "\"}").withFixedDelay(delayMillis)));
    }

    private static String sid(SendRequested request) {
        return "SM" + request.requestId().replace("-", "");
    }

    private static int calls(SendRequested request) {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(request.body())))
                .size();
    }

    /** The ledger's state of the request, null when it has no row. */
    private static String state(SendRequested request) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT state FROM send_request WHERE request_id = ?")) {
            query.setString(1, request.requestId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
