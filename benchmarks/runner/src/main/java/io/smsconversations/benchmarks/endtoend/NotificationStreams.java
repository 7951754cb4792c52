package io.smsconversations.benchmarks.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.smsconversations.testing.TestTokens;

/**
 * Live notification streams ({@code GET /api/notifications/stream}), many at once: each read by a push-based line
 * subscriber (no thread parked per stream, so thousands fit in one client), each data line handed to a
 * {@link Listener} with the time it arrived. A stream counts as open once the service sent its {@code :connected}
 * comment (from then on it misses nothing).
 */
public final class NotificationStreams implements AutoCloseable {

    /** Told every data line, on the client's threads: must be quick and thread-safe. */
    @FunctionalInterface
    public interface Listener {
        void data(String sellerId, String data, long arrivedNanos);
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<CompletableFuture<?>> streams = new ArrayList<>();
    private final List<Flow.Subscription> subscriptions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Opens one stream for each seller and waits until all are registered (or {@code timeout} passed). */
    public int open(String url, List<String> sellerIds, Listener listener, Duration timeout) {
        CountDownLatch registered = new CountDownLatch(sellerIds.size());
        // Valid for the whole run: a stream ends when its token expires (the service's rule).
        Instant expiry = Instant.now().plus(Duration.ofHours(2));
        for (String seller : sellerIds) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TestTokens.expiringAt(expiry, seller, "seller"))
                    .header("Accept", "text/event-stream").build();
            streams.add(client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                    new LineReader(seller, listener, registered))).whenComplete((answer, error) -> {
                        if (error != null || answer.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    }));
        }
        try {
            registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return connected.get();
    }

    public int failed() {
        return failed.get();
    }

    private final class LineReader implements Flow.Subscriber<String> {
        private final String seller;
        private final Listener listener;
        private final CountDownLatch registered;

        LineReader(String seller, Listener listener, CountDownLatch registered) {
            this.seller = seller;
            this.listener = listener;
            this.registered = registered;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriptions.add(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                listener.data(seller, line.substring("data:".length()).strip(), System.nanoTime());
            } else if (line.equals(":connected")) {
                connected.incrementAndGet();
                registered.countDown();
            }
        }

        @Override
        public void onError(Throwable error) {
            // the stream ended badly: counted through the response future
        }

        @Override
        public void onComplete() {
            // the service ended the stream (token expiry, shutdown)
        }
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            subscriptions.forEach(Flow.Subscription::cancel);
        }
        streams.forEach(stream -> stream.cancel(true));
    }
}
