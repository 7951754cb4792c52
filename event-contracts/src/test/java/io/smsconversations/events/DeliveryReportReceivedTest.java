package io.smsconversations.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class DeliveryReportReceivedTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void survivesJsonWithEnumsByName() throws Exception {
        var report = new DeliveryReportReceived("twilio", "SM1", DeliveryStatus.FAILED,
                FailureReason.RecipientOptedOut, "21610", "failed: 21610", "+14255550199", "+14255550100",
                Instant.parse("2026-11-24T10:15:30Z"));

        String text = json.writeValueAsString(report);

        assertThat(text).contains("\"status\":\"FAILED\"", "\"reason\":\"RecipientOptedOut\"",
                "\"reportedAt\":\"2026-11-24T10:15:30Z\"");
        assertThat(json.readValue(text, DeliveryReportReceived.class)).isEqualTo(report);
    }

    @Test
    void idsDifferByStatusAndRepeatForTheSameReport() {
        assertThat(EventIds.deliveryReport("twilio", "SM1", DeliveryStatus.SENT))
                .isEqualTo(EventIds.deliveryReport("twilio", "SM1", DeliveryStatus.SENT))
                .isNotEqualTo(EventIds.deliveryReport("twilio", "SM1", DeliveryStatus.DELIVERED))
                .isNotEqualTo(EventIds.deliveryReport("vonage", "SM1", DeliveryStatus.SENT))
                .isNotEqualTo(EventIds.inboundMessage("twilio", "SM1"));
        assertThat(DeliveryStatus.UNDELIVERED.isFailure()).isTrue();
        assertThat(DeliveryStatus.DELIVERED.isFailure()).isFalse();
    }
}
