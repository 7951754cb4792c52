package io.smsconversations.gateway.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.LogCapture;
import io.smsconversations.testing.KafkaTestClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 11 item 7: every provider's failure texts quote the customer's number here, in the spellings providers use;
 * the number is in no stored field, no published event and no log line, while the provider's code is kept.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PhoneNumbersInFailuresTest {

    private static final String TWILIO = "/twilio/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";

    private static KafkaTestClient kafka;

    @Inject
    Pool database;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aQuotedNumberIsInNoStoredFieldEventOrLogLine() {
        List<Failure> failures = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            failures.add(twilioRefusal());
            failures.add(twilioGivingUp());
            failures.add(acsRefusal());
            failures.add(infobipRejection());
            failures.add(infobipError());
            failures.add(vonageRefusal());

            failures.forEach(failure -> Sends.publish(kafka, failure.request()));
            for (Failure failure : failures) {
                SendFailed event = kafka.awaitOne(Topics.SEND_RESULTS,
                        r -> failure.request().messageId().equals(r.subject()), Sends.AWAIT).dataAs(SendFailed.class);
                assertThat(event.providerCode()).as("the provider's code is kept").isEqualTo(failure.code());
                assertThat(event.providerText()).contains("[number]");
                assertNoNumber(failure.request(), event.providerText(), event.providerCode());
                Row row = database.preparedQuery("SELECT provider_code, provider_text FROM send_request "
                        + "WHERE request_id = $1").execute(Tuple.of(failure.request().requestId()))
                        .await().indefinitely().iterator().next();
                assertNoNumber(failure.request(), row.getString("provider_text"), row.getString("provider_code"));
                assertThat(event.reason()).isNotNull();
            }
            for (Failure failure : failures) {
                assertNoNumber(failure.request(), logs.lines().toArray(String[]::new));
            }
        }
    }

    private static Failure twilioRefusal() {
        SendRequested request = Sends.request("twilio");
        answer(TWILIO, request, json(400, "{\"code\":21211,\"message\":\"The 'To' number " + request.to()
                + " is not a valid phone number.\",\"status\":400}"));
        return new Failure(request, "21211");
    }

    /** Transient to the end: each retry is logged with the text, and the last text ends in the result. */
    private static Failure twilioGivingUp() {
        SendRequested request = Sends.request("twilio");
        answer(TWILIO, request, json(503, "{\"code\":20503,\"message\":\"Carrier for " + national(request)
                + " is unavailable\",\"status\":503}"));
        return new Failure(request, "20503");
    }

    private static Failure acsRefusal() {
        SendRequested request = Sends.request("acs");
        answer("/acs/sms", request, json(202, "{\"value\":[{\"to\":\"" + request.to() + "\",\"httpStatusCode\":400,"
                + "\"successful\":false,\"errorMessage\":\"Invalid To phone number " + digits(request) + ".\"}]}"));
        return new Failure(request, "400");
    }

    private static Failure infobipRejection() {
        SendRequested request = Sends.request("infobip");
        answer("/infobip/sms/2/text/advanced", request, json(200, "{\"messages\":[{\"messageId\":\""
                + request.requestId() + "\",\"status\":{\"groupId\":5,\"groupName\":\"REJECTED\",\"id\":51,"
                + "\"name\":\"REJECTED_DESTINATION\",\"description\":\"Destination " + digits(request)
                + " rejected\"}}]}"));
        return new Failure(request, "51");
    }

    private static Failure infobipError() {
        SendRequested request = Sends.request("infobip");
        answer("/infobip/sms/2/text/advanced", request, json(400, "{\"requestError\":{\"serviceException\":"
                + "{\"messageId\":\"BAD_REQUEST\",\"text\":\"Invalid destination address " + dashed(request)
                + "\"}}}"));
        return new Failure(request, "BAD_REQUEST");
    }

    private static Failure vonageRefusal() {
        SendRequested request = Sends.request("vonage");
        answer("/vonage/sms/json", request, json(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"3\","
                + "\"error-text\":\"Invalid to address: " + digits(request) + "\"}]}"));
        return new Failure(request, "3");
    }

    /** None of {@code texts} holds the request's destination in any of its spellings. */
    private static void assertNoNumber(SendRequested request, String... texts) {
        List<String> spellings = List.of(request.to(), digits(request), national(request), dashed(request));
        for (String text : texts) {
            if (text != null) {
                assertThat(spellings).as("in: %s", text).noneMatch(text::contains);
            }
        }
    }

    private static String digits(SendRequested request) {
        return request.to().substring(1);
    }

    /** {@code (425) 555-0123} */
    private static String national(SendRequested request) {
        String n = request.to().substring(2);
        return "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
    }

    /** {@code 425-555-0123} */
    private static String dashed(SendRequested request) {
        String n = request.to().substring(2);
        return n.substring(0, 3) + "-" + n.substring(3, 6) + "-" + n.substring(6);
    }

    private static void answer(String path, SendRequested request, ResponseDefinitionBuilder response) {
        GatewayTestResource.providers().stubFor(post(urlPathEqualTo(path)).withRequestBody(containing(request.body()))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private record Failure(SendRequested request, String code) {
    }
}
