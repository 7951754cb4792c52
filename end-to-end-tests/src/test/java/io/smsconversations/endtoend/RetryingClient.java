package io.smsconversations.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one fixed request until it gets an answer that is not "try again", as providers do with webhooks and a
 * careful client with an {@code Idempotency-Key}: every 503, 502/504, connection failure or timeout is retried with
 * the very same request after a pause (0.5 s doubling to 4 s), until {@code giveUpAfter}. Asynchronous, so a steady
 * rate of new requests never waits for the retries of earlier ones.
 */
final class RetryingClient {

    /** How one request ended: its final status (0 = given up), and what it met on the way. */
    record Outcome(int status, int attempts, int unavailable, int connectionFailures, String body) {

        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Duration giveUpAfter;

    RetryingClient(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    CompletableFuture<Outcome> post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return attempt(builder.build(), System.nanoTime() + giveUpAfter.toNanos(), FIRST_PAUSE,
                new Outcome(0, 0, 0, 0, null));
    }

    private CompletableFuture<Outcome> attempt(HttpRequest request, long deadline, Duration pause, Outcome sofar) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    int attempts = sofar.attempts() + 1;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        if (!(cause instanceof IOException)) {
                            throw new IllegalStateException("request to " + request.uri() + " failed", cause);
                        }
                        return new Outcome(0, attempts, sofar.unavailable(), sofar.connectionFailures() + 1, null);
                    }
                    int status = response.statusCode();
                    boolean unavailable = status == 502 || status == 503 || status == 504;
                    return new Outcome(unavailable ? 0 : status, attempts,
                            sofar.unavailable() + (unavailable ? 1 : 0), sofar.connectionFailures(), response.body());
                })
                .thenCompose(outcome -> {
                    if (outcome.status() != 0 || System.nanoTime() > deadline) {
                        return CompletableFuture.completedFuture(outcome);
                    }
                    Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                            : pause.multipliedBy(2);
                    return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(request, deadline, next, outcome));
                });
    }
}
