package io.smsconversations.benchmarks.endtoend;

import java.util.Map;

/**
 * One fixed-rate run, webhook POST (its scheduled time) to the notification on the owner's stream, in milliseconds
 * (HdrHistogram); {@code missing} never arrived within the grace period; {@code stored*} counted in the databases;
 * {@code backlogAtStart} records of earlier runs still unconsumed when this one started (after a bounded wait);
 * {@code cpuMillisPerMessage} each process's CPU from the first send until the last arrival (or the grace period's
 * end), divided by the messages that arrived.
 */
public record RateResult(String name, int targetRate, int seconds, long sent, double achievedRate, long httpErrors,
        long arrived, long missing, double p50, double p95, double p99, double max, long storedMessages,
        long storedNotifications, double loadAverage, long backlogAtStart, Map<String, Double> cpuMillisPerMessage) {

    /** "gateway 1.2, routing 3.4, ..." */
    public String cpuPerMessage() {
        return cpuMillisPerMessage.entrySet().stream().map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** No loss, no failed webhook, and the tail within a second: the pipeline keeps up at this rate. */
    public boolean sustainable() {
        return missing == 0 && httpErrors == 0 && p99 < 1000 && achievedRate >= targetRate * 0.95;
    }
}
