package io.smsconversations.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A seller's live notification stream, read line by line in the background. */
final class SseClient implements AutoCloseable {

    private final List<String> dataLines = new CopyOnWriteArrayList<>();
    /** The service's {@code :connected} comment: from then on the stream is registered and misses nothing. */
    private final CountDownLatch registered = new CountDownLatch(1);
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
            answer.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    dataLines.add(line.substring("data:".length()).strip());
                } else if (line.startsWith(":") && line.substring(1).strip().equals("connected")) {
                    registered.countDown();
                }
            });
        });
    }

    static SseClient open(String url, String bearerToken) {
        return new SseClient(url, bearerToken);
    }

    /** Waits until the server answered 200 and registered the stream (its {@code :connected} comment). */
    SseClient awaitConnected(Duration timeout) {
        try {
            status = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException("the stream did not open within " + timeout, e);
        }
        if (status != 200) {
            throw new IllegalStateException("the stream answered " + status);
        }
        try {
            if (!registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the stream sent no :connected comment within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
