package io.smsconversations.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A seller's live notification stream, read line by line in the background. */
final class SseClient implements AutoCloseable {

    private final List<String> dataLines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    private SseClient(String url, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "text/event-stream")
                .build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            answer.body().filter(line -> line.startsWith("data:"))
                    .forEach(line -> dataLines.add(line.substring("data:".length()).strip()));
        });
    }

    static SseClient open(String url, String bearerToken) {
        return new SseClient(url, bearerToken);
    }

    /** Waits until the server answered the stream request with its status line. */
    SseClient awaitConnected(Duration timeout) {
        try {
            status = response.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException("the stream did not open within " + timeout, e);
        }
        if (status != 200) {
            throw new IllegalStateException("the stream answered " + status);
        }
        return this;
    }

    List<String> received() {
        return new ArrayList<>(dataLines);
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(answer -> answer.body().close());
    }
}
