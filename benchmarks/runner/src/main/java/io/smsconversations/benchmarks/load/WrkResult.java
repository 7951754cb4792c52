package io.smsconversations.benchmarks.load;

/**
 * What one wrk run measured (wrk's own latency statistics, in microseconds) and how many requests failed: socket
 * errors (connect, read, write, timeout) and answers other than 2xx/3xx.
 */
public record WrkResult(String name, long requests, double seconds, long connectErrors, long readErrors,
        long writeErrors, long timeouts, long statusErrors, long p50Micros, long p90Micros, long p99Micros,
        long maxMicros, boolean ranOutOfRequests) {

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public long errors() {
        return connectErrors + readErrors + writeErrors + timeouts + statusErrors;
    }
}
