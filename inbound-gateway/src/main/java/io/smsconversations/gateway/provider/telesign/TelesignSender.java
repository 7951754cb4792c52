package io.smsconversations.gateway.provider.telesign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.send.OutboundSend;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.send.ProviderSender;
import io.smsconversations.gateway.send.SendAttempt;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Telesign's SMS API, {@code POST /v1/messaging} (form; basic auth: customer id and API key), {@code message_type}
 * {@code ARN} (alerts, reminders, notifications: conversation messages are none of OTP or marketing). Our request id
 * goes as {@code external_id}. Telesign names the message by its {@code reference_id}, which its delivery reports
 * carry. Telesign offers no lookup by a key of ours and no de-duplication, so an unknown outcome cannot be resolved:
 * the default {@link ProviderSender#lookUp} (unanswered, final) makes it "outcome unknown, not sent again".
 */
@ApplicationScoped
public class TelesignSender implements ProviderSender {

    static final String PATH = "/v1/messaging";

    private final TelesignConfig config;
    private final ProviderHttp http;

    TelesignSender(TelesignConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public String provider() {
        return TelesignCallbacks.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("phone_number", ProviderHttp.withoutPlus(request.to()))
                .add("message", request.body())
                .add("message_type", "ARN")
                .add("sender_id", ProviderHttp.withoutPlus(request.from()))
                .add("external_id", request.requestId());
        String credentials = config.customerId() + ":" + config.apiKey();
        return http.post(config.apiBaseUrl() + PATH)
                .putHeader("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /**
     * 200 with {@code {"reference_id", "status": {"code", "description"}}}: a status that already says blocked or
     * refused (Telesign answers e.g. 229 or 237 at once) is a refusal; errors as
     * {@code {"status": {...}, "errors": [{"code", "description"}]}}.
     */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        JsonNode messageStatus = body.path("status");
        JsonNode error = body.path("errors").path(0);
        String statusCode = ProviderHttp.text(messageStatus, "code");
        String text = TelesignCallbacks.text(body, messageStatus);
        if (ProviderHttp.isSuccess(status)) {
            String referenceId = ProviderHttp.text(body, "reference_id");
            DeliveryStatus mapped = messageStatus.path("code").canConvertToInt()
                    ? TelesignCallbacks.status(messageStatus.path("code").asInt()) : null;
            if (mapped != null && mapped.isFailure()) {
                return new SendAttempt.Refused(TelesignCallbacks.reason(messageStatus.path("code").asInt()),
                        statusCode, text);
            }
            if (referenceId == null) {
                return new SendAttempt.Refused(FailureReason.ProviderError, statusCode,
                        text == null ? "no reference_id in the answer" : text);
            }
            return new SendAttempt.Accepted(referenceId);
        }
        String errorCode = ProviderHttp.text(error, "code");
        String providerCode = errorCode != null ? errorCode : statusCode != null ? statusCode : String.valueOf(status);
        String providerText = text == null ? ProviderHttp.statusText(response) : text;
        if (ProviderHttp.isTransient(status)) {
            return ProviderHttp.transientAnswer(response, providerCode, providerText);
        }
        // 402: the account has no credit left.
        return new SendAttempt.Refused(status == 402 ? FailureReason.AccountProblem
                : ProviderHttp.reasonForStatus(status), providerCode, providerText);
    }
}
