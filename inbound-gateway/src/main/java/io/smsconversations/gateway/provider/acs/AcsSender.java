package io.smsconversations.gateway.provider.acs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.send.OutboundSend;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.send.ProviderSender;
import io.smsconversations.gateway.send.SendAttempt;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * ACS SMS send: {@code POST {endpoint}/sms?api-version=2021-03-07}, HMAC-signed ({@link AcsRequestSigner}), with
 * delivery reports on (they arrive through Event Grid at our ACS webhook). Idempotent by ACS's repeatability headers:
 * {@code Repeatability-Request-ID} is derived from our request id and {@code Repeatability-First-Sent} is the time
 * the ledger first recorded the request, so every retry and redelivery repeats both and ACS sends once.
 */
@ApplicationScoped
public class AcsSender implements ProviderSender {

    static final String API_VERSION = "2021-03-07";

    private final AcsConfig config;
    private final ProviderHttp http;

    AcsSender(AcsConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public String provider() {
        return AcsEvents.PROVIDER;
    }

    /**
     * The same {@code Repeatability-Request-ID} and {@code Repeatability-First-Sent} on every call make ACS answer a
     * repeat with the first call's result instead of sending again, so an unknown outcome is resolved by calling
     * again (within ACS's repeatability period).
     */
    @Override
    public boolean resendIsSafe() {
        return true;
    }

    /** ACS wants a GUID; ours may be any string, so it is a name-based UUID of it, the same on every call. */
    public static String repeatabilityRequestId(String requestId) {
        return UUID.nameUUIDFromBytes(("acs-send\u0000" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        String repeatabilityId = repeatabilityRequestId(request.requestId());
        String firstSent = AcsRequestSigner.HTTP_DATE.format(send.firstSentAt());
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(Map.of(
                    "from", request.from(),
                    "message", request.body(),
                    "smsRecipients", List.of(Map.of("to", request.to(),
                            "repeatabilityRequestId", repeatabilityId,
                            "repeatabilityFirstSent", firstSent)),
                    "smsSendOptions", Map.of("enableDeliveryReport", true, "tag", request.messageId())));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(new SendAttempt.Refused(FailureReason.ProviderError, null,
                    "could not write the ACS request (" + e.getClass().getSimpleName() + ")"));
        }
        String url = trimSlash(config.endpoint()) + "/sms?api-version=" + API_VERSION;
        HttpRequest<Buffer> call = http.post(url)
                .putHeader("Content-Type", "application/json")
                .putHeader("Repeatability-Request-ID", repeatabilityId)
                .putHeader("Repeatability-First-Sent", firstSent);
        AcsRequestSigner.headers("POST", URI.create(url), body, config.accessKey(), Instant.now())
                .forEach(call::putHeader);
        return call.sendBuffer(Buffer.buffer(body))
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /**
     * 202 with {@code value[0]} ({@code successful}, {@code messageId}, {@code httpStatusCode},
     * {@code errorMessage}); errors as {@code {"error": {"code", "message"}}}.
     */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        if (ProviderHttp.isSuccess(status)) {
            JsonNode recipient = body.path("value").path(0);
            String messageId = ProviderHttp.text(recipient, "messageId");
            if (recipient.path("successful").asBoolean(false) && messageId != null) {
                return new SendAttempt.Accepted(messageId);
            }
            int recipientStatus = recipient.path("httpStatusCode").asInt(status);
            String error = ProviderHttp.text(recipient, "errorMessage");
            String text = error == null ? "ACS did not accept the recipient" : error;
            if (ProviderHttp.isTransient(recipientStatus)) {
                return recipientStatus == 429 ? SendAttempt.Transient.throttled("429", text, null)
                        : SendAttempt.Transient.failing(String.valueOf(recipientStatus), text, null);
            }
            return refused(recipientStatus, String.valueOf(recipientStatus), text);
        }
        JsonNode error = body.path("error");
        String code = ProviderHttp.text(error, "code");
        String message = ProviderHttp.text(error, "message");
        String providerCode = code == null ? String.valueOf(status) : code;
        String providerText = message == null ? ProviderHttp.statusText(response) : message;
        if (ProviderHttp.isTransient(status)) {
            return ProviderHttp.transientAnswer(response, providerCode, providerText);
        }
        return refused(status, providerCode, providerText);
    }

    /** ACS explains in words: the delivery-report table reads them; else the HTTP status decides. */
    private static SendAttempt refused(int status, String code, String text) {
        FailureReason byWords = AcsEvents.reason(null, text);
        FailureReason reason = byWords == FailureReason.ProviderError ? ProviderHttp.reasonForStatus(status) : byWords;
        return new SendAttempt.Refused(reason, code, text);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
