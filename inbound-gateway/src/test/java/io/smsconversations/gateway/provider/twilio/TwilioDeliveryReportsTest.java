package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;

class TwilioDeliveryReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "queued,QUEUED", "accepted,QUEUED", "scheduled,QUEUED", "sending,SENT", "sent,SENT",
            "delivered,DELIVERED", "read,DELIVERED", "undelivered,UNDELIVERED", "failed,FAILED", "canceled,FAILED",
            "Delivered,DELIVERED" })
    void mapsEveryStatus(String twilio, DeliveryStatus expected) {
        DeliveryReportReceived report = TwilioDeliveryReports.toEvent(form("MessageStatus", twilio), NOW);

        assertThat(report.status()).isEqualTo(expected);
        assertThat(report.reason()).isEqualTo(expected.isFailure() ? FailureReason.ProviderError : null);
        assertThat(report.providerText()).isEqualTo(twilio);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "21610,RecipientOptedOut", "21211,InvalidSendingParameters", "21614,InvalidSendingParameters",
            "21635,InvalidSendingParameters",
            "30003,Unreachable", "30005,Unreachable", "30006,Unreachable", "30004,Blocked", "30007,Blocked",
            "30002,AccountProblem", "30036,Expired", "30008,ProviderError", "99999,ProviderError" })
    void mapsErrorCodesOfFailuresAndKeepsTheRawCode(String code, FailureReason expected) {
        DeliveryReportReceived report = TwilioDeliveryReports.toEvent(
                form("MessageStatus", "undelivered", "ErrorCode", code, "ErrorMessage", "Carrier says no"), NOW);

        assertThat(report.reason()).isEqualTo(expected);
        assertThat(report.providerCode()).isEqualTo(code);
        assertThat(report.providerText()).isEqualTo("undelivered: Carrier says no");
    }

    @Test
    void aDeliveredReportHasNoReason() {
        DeliveryReportReceived report = TwilioDeliveryReports.toEvent(
                form("MessageStatus", "delivered", "ErrorCode", "0"), NOW);

        assertThat(report.reason()).isNull();
        assertThat(report.providerCode()).isEqualTo("0");
    }

    @Test
    void anAlphanumericSenderOrAShortCodeIsTheSender() {
        assertThat(TwilioDeliveryReports.toEvent(form("MessageStatus", "sent", "From", "12345"), NOW).from())
                .as("a short code of the recipient's country").isEqualTo("US:12345");
        DeliveryReportReceived report = TwilioDeliveryReports.toEvent(
                form("MessageStatus", "sent", "From", "ACME"), NOW);

        assertThat(report.from()).isEqualTo("ACME");
        assertThat(report.to()).isEqualTo("+14255550100");
        assertThat(report.reportedAt()).isEqualTo(NOW);
    }

    @Test
    void aSenderThatIsNoneOfThemIsAProblem() {
        assertThatThrownBy(() -> TwilioDeliveryReports.toEvent(form("MessageStatus", "sent", "From", "ACME-Shop!"),
                NOW)).isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("From is not a phone number in E.164 (+<country code><number>), a short code or "
                        + "an alphanumeric sender id")
                .hasMessageNotContaining("ACME");
    }

    @Test
    void namesEveryProblem() {
        FormParameters form = FormParameters.of(List.of(Map.entry("MessageStatus", "exploded"),
                Map.entry("To", "nobody")));

        assertThatThrownBy(() -> TwilioDeliveryReports.toEvent(form, NOW))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("MessageSid is missing")
                .hasMessageContaining("MessageStatus is not one of")
                .hasMessageContaining("To is not a phone number")
                .hasMessageNotContaining("nobody");
    }

    private static FormParameters form(String... extra) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(List.of(Map.entry("MessageSid", "SM1"),
                Map.entry("From", "+14255550199"), Map.entry("To", "+14255550100")));
        for (int i = 0; i < extra.length; i += 2) {
            pairs.add(Map.entry(extra[i], extra[i + 1]));
        }
        // a later From replaces the default one
        List<Map.Entry<String, String>> result = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs) {
            result.removeIf(p -> p.getKey().equals(pair.getKey()));
            result.add(pair);
        }
        return FormParameters.of(result);
    }
}
