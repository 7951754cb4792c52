package io.smsconversations.gateway.send;

import java.net.ConnectException;
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
import io.vertx.core.http.HttpClosedException;
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

    /** A POST to {@code url} with the call timeout set: a slower answer fails with a timeout (transient). */
    public HttpRequest<Buffer> post(String url) {
        return client.postAbs(url).timeout(timeout.toMillis());
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

    /** The call did not get an answer (timeout, refused or reset connection, DNS): transient. */
    public static SendAttempt unanswered(Throwable failure) {
        String what;
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            what = "timeout";
        } else if (failure instanceof ConnectException) {
            what = "connection refused";
        } else if (failure instanceof HttpClosedException) {
            what = "connection closed";
        } else {
            what = "no answer";
        }
        return new SendAttempt.Transient(null, what + ": " + failure.getMessage(), null);
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
