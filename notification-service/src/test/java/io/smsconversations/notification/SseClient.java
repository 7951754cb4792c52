package io.smsconversations.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.awaitility.Awaitility;

/**
 * A test client of a Server-Sent Events stream: reads lines asynchronously (java.net.http) and collects the events
 * and comments, so a test can wait for them with Awaitility.
 */
final class SseClient implements AutoCloseable {

    /** One received event: its id and data lines joined. */
    record Event(String id, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private String id;
    private StringBuilder data;

    private volatile boolean ended;

    private SseClient(URI uri, String bearerToken) {
        this(uri, bearerToken, null);
    }

    private SseClient(URI uri, String bearerToken, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
    }

    /** Opens the stream and waits until the server says it is registered (the {@code : connected} comment). */
    static SseClient connect(URI uri, String bearerToken) {
        SseClient client = new SseClient(uri, bearerToken);
        Awaitility.await("stream connected").atMost(Duration.ofSeconds(10))
                .until(() -> client.comments.contains("connected"));
        return client;
    }

    /** Opens the stream resuming after {@code lastEventId}, and waits until the server says it is registered. */
    static SseClient resume(URI uri, String bearerToken, String lastEventId) {
        SseClient client = new SseClient(uri, bearerToken, lastEventId);
        Awaitility.await("stream connected").atMost(Duration.ofSeconds(10))
                .until(() -> client.comments.contains("connected"));
        return client;
    }

    /** Opens the stream with a Last-Event-ID header and returns its HTTP status. */
    static int status(URI uri, String bearerToken, String lastEventId) throws Exception {
        SseClient client = new SseClient(uri, bearerToken, lastEventId);
        try {
            return client.response.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode();
        } finally {
            client.close();
        }
    }

    /** Opens the stream and returns its HTTP status, without waiting for any event. */
    static int status(URI uri, String bearerToken) throws Exception {
        SseClient client = new SseClient(uri, bearerToken);
        try {
            return client.response.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode();
        } finally {
            client.close();
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }

    /** The comments received (without the colon), heartbeats included. */
    List<String> comments() {
        return List.copyOf(comments);
    }

    /** Whether the server has ended the stream. */
    boolean ended() {
        return ended;
    }

    /** Every line received, as sent, except heartbeat comments (and the blank line that ends each). */
    List<String> linesWithoutHeartbeats() {
        List<String> kept = new java.util.ArrayList<>();
        boolean skipBlank = false;
        for (String line : lines) {
            if (line.equals(":heartbeat")) {
                skipBlank = true;
            } else if (skipBlank && line.isEmpty()) {
                skipBlank = false;
            } else {
                skipBlank = false;
                kept.add(line);
            }
        }
        return kept;
    }

    /** Every line received, as sent. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    private synchronized void line(String line) {
        lines.add(line);
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new Event(id, data.toString()));
            }
            id = null;
            data = null;
        } else if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
        } else {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // event names and retry hints are not used by these tests
                }
            }
        }
    }

    private final class Lines implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            line(item);
        }

        @Override
        public void onError(Throwable throwable) {
            // closed by the test or by the server
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
