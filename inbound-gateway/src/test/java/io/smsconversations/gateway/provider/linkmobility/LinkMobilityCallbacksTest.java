package io.smsconversations.gateway.provider.linkmobility;

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

/** The result-code table, as checked against LINK Mobility's SMS REST API (MT/DLR and MO) documents. */
class LinkMobilityCallbacksTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A delivery report as LINK's gate posts it. */
    static String report(String id, String refId, int resultCode) {
        return """
                {"refId": "%s", "id": "%s", "operator": "no.telenor",
                 "sentTimestamp": "2026-12-04T00:00:00.000+01:00", "timestamp": "2026-12-04T00:00:03.000+01:00",
                 "resultCode": %d, "operatorResultCode": "000", "segments": 1,
                 "gateCustomParameters": {}, "customParameters": {}}""".formatted(refId, id, resultCode);
    }

    /** An incoming message as LINK's MO gate posts it. */
    static String inbound(String messageId, String source, String destination, String text) {
        return """
                {"source": "%s", "sourceTON": "MSISDN", "destination": "%s", "destinationTON": "MSISDN",
                 "content": {"type": "TEXT", "userData": "%s"}, "operator": "no.telenor",
                 "timestamp": "2026-12-04T00:00:00.000+01:00", "messageId": "%s",
                 "gateCustomParameters": {}, "customParameters": {}}""".formatted(source, destination, text,
                messageId);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({ "1005,QUEUED,", "1000,SENT,", "1008,SENT,", "1011,SENT,", "1012,SENT,", "1013,SENT,",
            "1001,DELIVERED,", "1007,DELIVERED,", "1002,UNDELIVERED,Expired", "1010,UNDELIVERED,Expired",
            "1003,UNDELIVERED,ProviderError", "1004,UNDELIVERED,Unreachable", "1006,UNDELIVERED,ProviderError",
            "1009,UNDELIVERED,ProviderError", "1,UNDELIVERED,Unreachable", "4,UNDELIVERED,ProviderError",
            "5,UNDELIVERED,ProviderError", "6,UNDELIVERED,ProviderError", "0,FAILED,ProviderError",
            "2,FAILED,Unreachable", "3,FAILED,ProviderError", "104,FAILED,AccountProblem", "105,FAILED,ProviderError",
            "2000,FAILED,InvalidSendingParameters", "2002,FAILED,InvalidSendingParameters",
            "2102,FAILED,InvalidSendingParameters", "2103,FAILED,Blocked", "2104,FAILED,Unreachable",
            "2105,FAILED,Blocked", "2106,FAILED,InvalidSendingParameters", "2107,FAILED,Blocked",
            "2200,FAILED,ProviderError", "2203,FAILED,Blocked", "2205,FAILED,RecipientOptedOut",
            "3001,FAILED,InvalidSendingParameters", "4001,FAILED,InvalidSendingParameters",
            "4007,FAILED,InvalidSendingParameters" })
    void mapsResultCodes(int code, DeliveryStatus status, FailureReason reason) throws Exception {
        DeliveryReportReceived report = LinkMobilityCallbacks.deliveryReport(json(report("M1", "R1", code)), NOW);

        assertThat(report).isEqualTo(new DeliveryReportReceived("linkmobility", "M1", status, reason,
                String.valueOf(code), "operator result 000", null, null, NOW));
    }

    @Test
    void refusesAnUnknownResultCodeOrAReportWithoutItsIds() throws Exception {
        assertThatThrownBy(() -> LinkMobilityCallbacks.deliveryReport(json(report("M2", "R2", 1099)), NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("The callback is malformed: resultCode 1099 is not a LINK Mobility result code this "
                        + "gateway knows.");
        assertThatThrownBy(() -> LinkMobilityCallbacks.deliveryReport(json("{\"refId\": \"R3\"}"), NOW))
                .hasMessage("The callback is malformed: id is missing; resultCode is missing or not a number.");
    }

    @Test
    void readsAnIncomingMessage() throws Exception {
        assertThat(LinkMobilityCallbacks.inbound(json(inbound("MO1", "+4798765432", "+4741234567", "Hei")), NOW))
                .isEqualTo(new InboundMessageReceived("linkmobility", "MO1", "+4798765432", "+4741234567", "Hei",
                        NOW, List.of(), 1));
    }

    @Test
    void refusesAnIncomingMessageToAShortCodeOrWithoutContent() throws Exception {
        assertThatThrownBy(() -> LinkMobilityCallbacks.inbound(json(inbound("MO2", "+4798765432", "2201", "x")),
                NOW)).hasMessage("The callback is malformed: destination is not a phone number that can be written "
                        + "in E.164.");
        assertThatThrownBy(() -> LinkMobilityCallbacks.inbound(json("""
                {"messageId": "MO3", "source": "+4798765432", "destination": "+4741234567"}"""), NOW))
                .hasMessage("The callback is malformed: content.userData is missing.");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
