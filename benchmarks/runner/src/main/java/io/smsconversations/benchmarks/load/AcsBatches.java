package io.smsconversations.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smsconversations.testing.KafkaTestClient;

/** Azure Communication Services' SMSReceived events as Event Grid delivers them: a JSON array (Event Grid schema). */
public final class AcsBatches {

    private AcsBatches() {
    }

    /** A batch of {@code size} inbound SMS, each with its own message id {@code <prefix>-<i>}. */
    public static String batch(String prefix, int size, String from, String to) {
        List<Map<String, Object>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String messageId = "Incoming_" + prefix + "-" + i;
            events.add(Map.of(
                    "id", messageId,
                    "topic", "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Communication/"
                            + "communicationServices/bench",
                    "subject", "/phonenumber/" + to.substring(1),
                    "eventType", "Microsoft.Communication.SMSReceived",
                    "dataVersion", "1.0",
                    "metadataVersion", "1",
                    "eventTime", "2026-12-04T01:00:00Z",
                    "data", Map.of(
                            "MessageId", messageId,
                            "From", from,
                            "To", to,
                            "Message", "Benchmark reply " + messageId,
                            "ReceivedTimestamp", "2026-12-04T01:00:00Z")));
        }
        return KafkaTestClient.toJson(events);
    }
}
