package io.smsconversations.gateway.provider.infobip;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.send.OutboundSend;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.send.ProviderSender;
import io.smsconversations.gateway.send.SendAttempt;
import io.smsconversations.gateway.send.SendLookup;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Infobip's {@code POST /sms/2/text/advanced} ({@code Authorization: App <key>}). Our request id is the message's
 * {@code messageId}: the id is ours, so every retry names the same message and its delivery reports carry it.
 * {@code notifyUrl} is our delivery-report webhook with the shared secret as basic auth.
 */
@ApplicationScoped
public class InfobipSender implements ProviderSender {

    private final InfobipConfig config;
    private final GatewayConfig gateway;
    private final ProviderHttp http;

    InfobipSender(InfobipConfig config, GatewayConfig gateway, ProviderHttp http) {
        this.config = config;
        this.gateway = gateway;
        this.http = http;
    }

    @Override
    public String provider() {
        return InfobipResults.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        JsonObject body = new JsonObject(Map.of("messages", List.of(Map.of(
                "from", ProviderHttp.withoutPlus(request.from()),
                "destinations", List.of(Map.of("to", ProviderHttp.withoutPlus(request.to()),
                        "messageId", request.requestId())),
                "text", request.body(),
                "notifyUrl", notifyUrl(),
                "notifyContentType", "application/json",
                "callbackData", request.messageId()))));
        return http.post(config.apiBaseUrl() + "/sms/2/text/advanced")
                .putHeader("Authorization", "App " + config.apiKey())
                .putHeader("Accept", "application/json")
                .sendJsonObject(body)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /** {@code https://<user>:<secret>@host/webhooks/infobip/delivery-reports}: how our webhook authenticates it. */
    String notifyUrl() {
        URI base = URI.create(gateway.publicBaseUrl());
        String userInfo = encode(config.basicAuthUsername()) + ":" + encode(config.webhookSecret());
        return base.getScheme() + "://" + userInfo + "@" + base.getRawAuthority()
                + (base.getRawPath() == null ? "" : base.getRawPath()) + InfobipWebhook.DELIVERY_REPORTS_PATH;
    }

    /**
     * 200 with {@code messages[0].status} (group PENDING = taken, REJECTED = refused); errors as
     * {@code {"requestError": {"serviceException": {"messageId", "text"}}}}.
     */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        if (ProviderHttp.isSuccess(status)) {
            JsonNode message = body.path("messages").path(0);
            JsonNode messageStatus = message.path("status");
            String group = ProviderHttp.text(messageStatus, "groupName");
            String name = ProviderHttp.text(messageStatus, "name");
            String messageId = ProviderHttp.text(message, "messageId");
            if ("REJECTED".equalsIgnoreCase(group) || messageId == null) {
                String text = String.join(" / ", group == null ? "no status" : group, name == null ? "" : name,
                        String.valueOf(ProviderHttp.text(messageStatus, "description")));
                return new SendAttempt.Refused(InfobipResults.reason(group, name, null),
                        ProviderHttp.text(messageStatus, "id"), text);
            }
            return new SendAttempt.Accepted(messageId);
        }
        JsonNode exception = body.path("requestError").path("serviceException");
        String code = ProviderHttp.text(exception, "messageId");
        String text = ProviderHttp.text(exception, "text");
        String providerCode = code == null ? String.valueOf(status) : code;
        String providerText = text == null ? ProviderHttp.statusText(response) : text;
        if (ProviderHttp.isTransient(status)) {
            return ProviderHttp.transientAnswer(response, providerCode, providerText);
        }
        FailureReason byName = InfobipResults.reason(null, code, null);
        return new SendAttempt.Refused(byName == FailureReason.ProviderError ? ProviderHttp.reasonForStatus(status)
                : byName, providerCode, providerText);
    }

    /**
     * {@code GET /sms/3/logs?messageId=<request id>}: the message id is ours, so the log names exactly this request
     * (Infobip keeps logs for 48 hours). A log entry that has not been written yet reads as not found.
     */
    @Override
    public Uni<SendLookup> lookUp(OutboundSend send) {
        String requestId = send.request().requestId();
        return http.get(config.apiBaseUrl() + "/sms/3/logs")
                .addQueryParam("messageId", requestId)
                .putHeader("Authorization", "App " + config.apiKey())
                .putHeader("Accept", "application/json")
                .send()
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unansweredLookup(failure) : readLogs(response, requestId));
    }

    /** {@code {"results": [{"messageId", "destination", "status": {...}}, ...]}}. */
    private SendLookup readLogs(HttpResponse<Buffer> response, String requestId) {
        if (!ProviderHttp.isSuccess(response.statusCode())) {
            return ProviderHttp.refusedLookup(response);
        }
        JsonNode results = http.jsonBody(response).path("results");
        if (!results.isArray()) {
            return new SendLookup.Unanswered("Infobip's logs had no results array", true);
        }
        for (JsonNode result : results) {
            if (requestId.equals(ProviderHttp.text(result, "messageId"))) {
                return new SendLookup.Found(List.of(requestId));
            }
        }
        return new SendLookup.NotFound();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
