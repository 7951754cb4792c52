package io.smsconversations.gateway.provider.infobip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;

/** The delivery-report tables, as checked against Infobip's message status and error code pages (see the README). */
class InfobipResultsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({ "PENDING,PENDING_ACCEPTED,QUEUED", "PENDING,PENDING_ENROUTE,SENT",
            "PENDING,PENDING_WAITING_DELIVERY,SENT",
            // Reaching the operator is not delivery: a DELIVERED_TO_HANDSET report may follow.
            "DELIVERED,DELIVERED_TO_OPERATOR,SENT", "DELIVERED,DELIVERED_TO_HANDSET,DELIVERED",
            "UNDELIVERABLE,UNDELIVERABLE_NOT_DELIVERED,UNDELIVERED", "EXPIRED,EXPIRED_EXPIRED,UNDELIVERED",
            "REJECTED,REJECTED_DESTINATION,FAILED" })
    void mapsStatusGroupsAndNames(String group, String name, DeliveryStatus expected) throws Exception {
        DeliveryReportReceived report = InfobipResults.deliveryReport(result(group, name, null), 0, NOW);

        assertThat(report.status()).isEqualTo(expected);
        assertThat(report.providerText()).isEqualTo(group + " / " + name);
    }

    @ParameterizedTest(name = "{1} / {2} -> {3}")
    @CsvSource({ "REJECTED,REJECTED_DESTINATION,,InvalidSendingParameters",
            "REJECTED,REJECTED_NOT_ENOUGH_CREDITS,,AccountProblem",
            "REJECTED,REJECTED_SENDER,,InvalidSendingParameters",
            "UNDELIVERABLE,UNDELIVERABLE_NOT_DELIVERED,EC_UNKNOWN_SUBSCRIBER,Unreachable",
            "UNDELIVERABLE,UNDELIVERABLE_NOT_DELIVERED,EC_ABSENT_SUBSCRIBER,Unreachable",
            "UNDELIVERABLE,UNDELIVERABLE_NOT_DELIVERED,EC_CALL_BARRED,Blocked",
            "UNDELIVERABLE,UNDELIVERABLE_REJECTED_OPERATOR,EC_SYSTEM_FAILURE,ProviderError",
            "EXPIRED,EXPIRED_EXPIRED,,Expired" })
    void readsTheReasonFromStatusAndErrorNames(String group, String name, String error, FailureReason expected)
            throws Exception {
        DeliveryReportReceived report = InfobipResults.deliveryReport(result(group, name, error), 0, NOW);

        assertThat(report.reason()).isEqualTo(expected);
    }

    private static JsonNode result(String group, String name, String error) throws Exception {
        String errorJson = error == null ? ""
                : ",\"error\":{\"groupId\":1,\"groupName\":\"HANDSET_ERRORS\",\"id\":1,\"name\":\"" + error + "\"}";
        return JSON.readTree("{\"messageId\":\"req-1\",\"to\":\"41793026727\",\"status\":{\"groupName\":\"" + group
                + "\",\"name\":\"" + name + "\"}" + errorJson + "}");
    }
}
