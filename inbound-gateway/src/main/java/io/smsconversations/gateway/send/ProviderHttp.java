package io.smsconversations.gateway.send;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.smsconversations.events.FailureReason;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The HTTP client every provider's sender uses (Vert.x's, so no call blocks a thread), and what they share when they
 * read an answer: which statuses are transient, {@code Retry-After}, JSON bodies, and what a failed call means.
 */
@ApplicationScoped
public class ProviderHttp {

    private final WebClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    @Inject
    public ProviderHttp(Vertx vertx, SendConfig config, ObjectMapper json) {
        this.timeout = config.requestTimeout();
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setUserAgent("sms-conversations-inbound-gateway")
                .setFollowRedirects(false));
    }

    /** A POST to {@code url} with the call timeout set: a slower answer fails with a timeout (outcome unknown). */
    public HttpRequest<Buffer> post(String url) {
        return client.postAbs(url).timeout(timeout.toMillis());
    }

    /** A GET to {@code url} (a lookup) with the same timeout. */
    public HttpRequest<Buffer> get(String url) {
        return client.getAbs(url).timeout(timeout.toMillis());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Too many requests, or the provider's own trouble: try again later. */
    public static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * The call did not get an answer. Refused connections and unknown hosts never reached the provider: transient,
     * safe to call again. A timeout or a connection lost after it was open may have delivered the request: unknown.
     * Only the failure's class is kept, never its message.
     */
    public static SendAttempt unanswered(Throwable failure) {
        if (neverConnected(failure)) {
            return SendAttempt.Transient.failing(null, "no connection (" + failure.getClass().getSimpleName() + ")",
                    null);
        }
        String what = isTimeout(failure) ? "no answer in time" : "connection lost before the answer";
        return new SendAttempt.Unknown(null, what + " (" + failure.getClass().getSimpleName() + ")");
    }

    /** A lookup that got no answer: still unknown, worth asking again. */
    public static SendLookup unansweredLookup(Throwable failure) {
        return new SendLookup.Unanswered("lookup got no answer (" + failure.getClass().getSimpleName() + ")", true);
    }

    /** A lookup answered with an error status: still unknown; 401/403 will not change by asking again. */
    public static SendLookup refusedLookup(HttpResponse<?> response) {
        int status = response.statusCode();
        return new SendLookup.Unanswered("lookup answered " + statusText(response), status != 401 && status != 403);
    }

    private static boolean neverConnected(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return true;
        }
        // Netty's ConnectTimeoutException: the connection was never established.
        return failure.getClass().getSimpleName().equals("ConnectTimeoutException");
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
    }

    /** 5xx or 429 answered: the provider did not take the message. 502/504 come from a proxy in between: unknown. */
    public static SendAttempt transientAnswer(HttpResponse<?> response, String code, String text) {
        int status = response.statusCode();
        if (status == 502 || status == 504) {
            return new SendAttempt.Unknown(code, text);
        }
        Duration retryAfter = retryAfter(response, Instant.now());
        return status == 429 ? SendAttempt.Transient.throttled(code, text, retryAfter)
                : SendAttempt.Transient.failing(code, text, retryAfter);
    }

    /**
     * When a provider's own code says nothing we know: 401/403 mean our account or credentials, other 4xx a request
     * the provider cannot send.
     */
    public static FailureReason reasonForStatus(int status) {
        if (status == 401 || status == 403) {
            return FailureReason.AccountProblem;
        }
        if (status >= 400 && status < 500) {
            return FailureReason.InvalidSendingParameters;
        }
        return FailureReason.ProviderError;
    }

    /** The answer's {@code Retry-After} (seconds or an HTTP date), or null. */
    public static Duration retryAfter(HttpResponse<?> response, Instant now) {
        String value = response.getHeader("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The body as JSON; a missing node when it is empty or not JSON (the caller then goes by the status). */
    public JsonNode jsonBody(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }

    public ObjectMapper json() {
        return json;
    }

    /** A text field of a JSON node, or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** What a provider answered, for providerText, kept short. */
    public static String statusText(HttpResponse<?> response) {
        String reason = response.statusMessage();
        return "HTTP " + response.statusCode() + (reason == null || reason.isBlank() ? "" : " " + reason);
    }

    /** Providers want numbers without the leading {@code +} (Vonage, Infobip). */
    public static String withoutPlus(String e164) {
        return e164 != null && e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
