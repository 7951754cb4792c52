package io.smsconversations.gateway.provider.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;

/** The delivery-receipt tables, as checked against Vonage's published error codes (see the README). */
class VonageMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "accepted,SENT", "buffered,SENT", "delivered,DELIVERED", "expired,UNDELIVERED", "unknown,UNDELIVERED",
            "failed,FAILED", "rejected,FAILED", "DELIVERED,DELIVERED" })
    void mapsEveryReceiptStatus(String status, DeliveryStatus expected) {
        DeliveryReportReceived report = VonageMessages.deliveryReceipt(receipt(status, null), NOW);

        assertThat(report.status()).isEqualTo(expected);
        assertThat(report.providerText()).isEqualTo(status);
    }

    @ParameterizedTest(name = "err-code {1} -> {2}")
    @CsvSource({
            // Vonage's opt-out guide: an opted-out recipient gives failed or rejected with err-code 9.
            "failed,9,RecipientOptedOut", "rejected,9,RecipientOptedOut", "failed,53,RecipientOptedOut",
            "failed,10,InvalidSendingParameters", "failed,11,InvalidSendingParameters",
            "failed,2,Unreachable", "failed,3,Unreachable", "failed,7,Unreachable", "failed,12,Unreachable",
            "failed,4,Blocked", "failed,6,Blocked", "failed,13,Blocked", "failed,14,Blocked", "rejected,52,Blocked",
            "failed,1,ProviderError", "failed,5,ProviderError", "failed,8,ProviderError", "failed,99,ProviderError",
            "expired,1,Expired", "expired,,Expired", "failed,,ProviderError" })
    void mapsErrorCodesOfFailuresAndKeepsTheRawCode(String status, String errCode, FailureReason expected) {
        DeliveryReportReceived report = VonageMessages.deliveryReceipt(receipt(status, errCode), NOW);

        assertThat(report.reason()).isEqualTo(expected);
        assertThat(report.providerCode()).isEqualTo(errCode);
    }

    private static Map<String, String> receipt(String status, String errCode) {
        Map<String, String> parameters = new HashMap<>(Map.of("messageId", "0A0000000123ABCD1", "status", status,
                "msisdn", "447700900000", "to", "AcmeInc"));
        if (errCode != null) {
            parameters.put("err-code", errCode);
        }
        return parameters;
    }
}
