package io.smsconversations.gateway.provider.telesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

/** The callback tables, as checked against Telesign's "Receive SMS delivery reports" and "Inbound SMS" pages. */
class TelesignCallbacksTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Telesign's documented delivery report, as its reference shows it. */
    static String report(String referenceId, int code, String description) {
        return """
                {"status": {"updated_on": "2026-12-04T00:00:02.417428Z", "code": %d, "description": "%s"},
                 "submit_timestamp": "2026-12-04T00:00:00.203000Z", "errors": [],
                 "reference_id": "%s", "sub_resource": "sms",
                 "additional_info": {"message_parts_count": 1, "mcc": "310", "mnc": "004", "price": "0.01",
                                     "currency": "USD"}}""".formatted(code, description, referenceId);
    }

    /** Telesign's documented inbound SMS (MO) notification. */
    static String inbound(String referenceId, String from, String to, String text) {
        return """
                {"reference_id": "%s", "submit_timestamp": "2026-12-04T00:00:00.000000Z",
                 "status": {"updated_on": "2026-12-04T00:00:00.100000Z", "code": 800,
                            "description": "Delivered to customer"},
                 "sub_resource": "mo_sms", "errors": [],
                 "user_response": {"iso_country_code": "US", "phone_number": "%s", "mo_message": "%s",
                                   "sender_id": "%s"}}""".formatted(referenceId, from, text, to);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({ "290,QUEUED,", "291,QUEUED,", "203,SENT,", "250,SENT,", "251,SENT,", "295,SENT,",
            "200,DELIVERED,", "207,UNDELIVERED,ProviderError", "210,UNDELIVERED,Unreachable",
            "211,UNDELIVERED,Unreachable", "220,UNDELIVERED,Unreachable", "221,UNDELIVERED,Expired",
            "222,FAILED,InvalidSendingParameters", "229,FAILED,Blocked", "230,FAILED,Blocked",
            "231,FAILED,InvalidSendingParameters", "233,FAILED,Blocked", "237,FAILED,Blocked", "238,FAILED,Blocked" })
    void mapsEveryDocumentedStatusCode(int code, DeliveryStatus status, FailureReason reason) throws Exception {
        DeliveryReportReceived report = TelesignCallbacks.deliveryReport(json(report("ABC", code, "text")), NOW);

        assertThat(report).isEqualTo(new DeliveryReportReceived("telesign", "ABC", status, reason,
                String.valueOf(code), "text", null, null, NOW));
    }

    @Test
    void keepsTheErrorsBesideTheStatusText() throws Exception {
        JsonNode callback = json("""
                {"reference_id": "R1", "status": {"code": 207, "description": "Error delivering SMS to handset"},
                 "errors": [{"code": -60001, "description": "Carrier error"}]}""");

        assertThat(TelesignCallbacks.deliveryReport(callback, NOW).providerText())
                .isEqualTo("Error delivering SMS to handset / -60001 Carrier error");
    }

    @Test
    void refusesAnUnknownStatusCodeRatherThanGuess() throws Exception {
        assertThatThrownBy(() -> TelesignCallbacks.deliveryReport(json(report("R2", 299, "new")), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("The callback is malformed: status.code 299 is not a Telesign SMS status this gateway "
                        + "knows.");
        assertThatThrownBy(() -> TelesignCallbacks.deliveryReport(json("{\"status\": {\"code\": \"x\"}}"), NOW))
                .hasMessage("The callback is malformed: reference_id is missing; status.code is missing or not a "
                        + "number.");
    }

    @Test
    void readsAnInboundSmsFromUserResponse() throws Exception {
        JsonNode callback = json(inbound("MO1", "15555550123", "12065550188", "Hello there"));

        assertThat(TelesignCallbacks.isInbound(callback)).isTrue();
        assertThat(TelesignCallbacks.inbound(callback, NOW)).isEqualTo(new InboundMessageReceived("telesign", "MO1",
                "+15555550123", "+12065550188", "Hello there", NOW, List.of(), 1));
        assertThat(TelesignCallbacks.isInbound(json(report("R3", 200, "Delivered to handset")))).isFalse();
    }

    @Test
    void refusesAnInboundSmsWithoutUsableNumbersNamingTheFields() throws Exception {
        assertThatThrownBy(() -> TelesignCallbacks.inbound(json(inbound("MO2", "15555550123", "12345", "hi")), NOW))
                .hasMessage("The callback is malformed: user_response.sender_id is not a phone number that can be "
                        + "written in E.164.");
        assertThatThrownBy(() -> TelesignCallbacks.inbound(json("{\"sub_resource\": \"mo_sms\"}"), NOW))
                .hasMessage("The callback is malformed: reference_id is missing; user_response is missing.");
    }

    @Test
    void logsOnlyAReferenceIdThatLooksLikeOne() throws Exception {
        assertThat(TelesignCallbacks.logId(json(report("0123456789ABCDEF0123456789ABCDEF", 200, "x"))))
                .isEqualTo("0123456789ABCDEF0123456789ABCDEF");
        assertThat(TelesignCallbacks.logId(json(report("+1 206 555 0188 <script>", 200, "x"))))
                .isEqualTo("(no reference_id)");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
