package io.smsconversations.gateway.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.DeliveryReportsOnKafka;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.send.Sends;
import io.smsconversations.gateway.provider.twilio.TwilioStatusWebhook;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;

/**
 * The local run's fake Twilio: it answers a send as Twilio does, and its signed status callbacks pass the gateway's
 * own signature check and become delivery reports (sent, delivered) on Kafka.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioApiSimulatorTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/simulator/twilio/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.twilio.auth-token")
    String authToken;

    @ConfigProperty(name = "gateway.public-base-url")
    String publicBaseUrl;

    @TestHTTPResource("/simulator")
    URL simulator;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void answersLikeTwilioAndFiresSignedStatusCallbacks() {
        String from = Sends.number("+1206555");
        String to = Sends.number("+1425555");
        String sid = given().auth().preemptive().basic(ACCOUNT, authToken)
                .formParam("To", to).formParam("From", from).formParam("Body", "hello from the simulator")
                .formParam("StatusCallback", publicBaseUrl + TwilioStatusWebhook.PATH)
                .when().post(MESSAGES)
                .then().statusCode(201)
                .body("status", equalTo("queued"))
                .body("to", equalTo(to))
                .body("sid", matchesPattern("SM[0-9a-f]{32}"))
                .extract().path("sid");

        List<CloudEventRecord> reports = kafka.await(DeliveryReportsOnKafka.TOPIC, r -> sid.equals(r.subject()), 2,
                DeliveryReportsOnKafka.AWAIT);
        assertThat(reports).extracting(CloudEventRecord::id).containsExactly(
                EventIds.deliveryReport("twilio", sid, DeliveryStatus.SENT),
                EventIds.deliveryReport("twilio", sid, DeliveryStatus.DELIVERED));
        DeliveryReportReceived delivered = reports.get(1).dataAs(DeliveryReportReceived.class);
        assertThat(delivered).isEqualTo(new DeliveryReportReceived("twilio", sid, DeliveryStatus.DELIVERED, null,
                null, "delivered", from, to, delivered.reportedAt()));
    }

    @Test
    void aSendRequestRunsTheWholeLoopThroughTheSimulator() {
        SendRequested request = Sends.request("twilio");
        // The gateway's Twilio base URL is the fake provider; for this request it forwards to the simulator, as
        // TWILIO_API_BASE_URL=http://localhost:8081/simulator/twilio does in the local run.
        GatewayTestResource.providers().stubFor(post(urlPathMatching("/twilio/.*"))
                .withRequestBody(containing(request.body()))
                .willReturn(aResponse().proxiedFrom(simulator.toString())));

        Sends.Outcome outcome = Sends.send(kafka, request);

        String sid = outcome.first().dataAs(SendAccepted.class).providerMessageId();
        assertThat(sid).matches("SM[0-9a-f]{32}");
        outcome.assertAccepted(request, sid);
        List<CloudEventRecord> reports = kafka.await(DeliveryReportsOnKafka.TOPIC, r -> sid.equals(r.subject()), 2,
                DeliveryReportsOnKafka.AWAIT);
        assertThat(reports).extracting(r -> r.dataAs(DeliveryReportReceived.class).status())
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
        assertThat(reports.get(1).dataAs(DeliveryReportReceived.class).to()).isEqualTo(request.to());
    }

    @Test
    void listsTheAccountsMessagesAsTwilioDoesFilteredByNumbersAndDateSent() {
        String from = Sends.number("+1206555");
        String to = Sends.number("+1425555");
        String sid = given().auth().preemptive().basic(ACCOUNT, authToken)
                .formParam("To", to).formParam("From", from).formParam("Body", "listed by the simulator")
                .formParam("StatusCallback", publicBaseUrl + TwilioStatusWebhook.PATH)
                .when().post(MESSAGES).then().statusCode(201).extract().path("sid");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        given().auth().preemptive().basic(ACCOUNT, authToken).queryParam("To", to).queryParam("From", from)
                .when().get(MESSAGES).then().statusCode(200)
                .body("messages.size()", equalTo(1))
                .body("messages[0].sid", equalTo(sid))
                .body("messages[0].to", equalTo(to))
                .body("messages[0].from", equalTo(from))
                .body("messages[0].body", equalTo("listed by the simulator"))
                .body("messages[0].direction", equalTo("outbound-api"))
                .body("messages[0].date_created", matchesPattern("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000"));
        // DateSent is the day Twilio sent it: none before the "sent" callback, then today's.
        await().atMost(DeliveryReportsOnKafka.AWAIT).untilAsserted(() -> given().auth().preemptive()
                .basic(ACCOUNT, authToken).queryParam("To", to).queryParam("DateSent", today)
                .when().get(MESSAGES).then().statusCode(200).body("messages.sid", contains(sid)));
        given().auth().preemptive().basic(ACCOUNT, authToken).queryParam("To", to)
                .queryParam("DateSent<", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
                .when().get(MESSAGES).then().statusCode(200).body("messages.size()", equalTo(0));
        given().auth().preemptive().basic(ACCOUNT, "wrong-token").queryParam("To", to)
                .when().get(MESSAGES).then().statusCode(401).body("code", equalTo(20003));
    }

    @Test
    void knowsOnlyTheConfiguredAccount() {
        String other = "/simulator/twilio/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages.json";
        given().auth().preemptive().basic("ACffffffffffffffffffffffffffffffff", authToken)
                .formParam("To", "+14255550100").formParam("From", "+12065550100").formParam("Body", "x")
                .when().post(other)
                .then().statusCode(404).body("code", equalTo(20404));
        given().auth().preemptive().basic("ACffffffffffffffffffffffffffffffff", authToken)
                .when().get(other).then().statusCode(404);
    }

    @Test
    void refusesWrongCredentialsAsTwilioDoes() {
        given().auth().preemptive().basic(ACCOUNT, "wrong-token")
                .formParam("To", "+14255550100").formParam("From", "+12065550100").formParam("Body", "x")
                .when().post(MESSAGES)
                .then().statusCode(401).body("code", equalTo(20003));
    }
}
