package io.smsconversations.gateway.webhook.twilio;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;
import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.send.OutboundSend;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.send.ProviderSender;
import io.smsconversations.gateway.send.SendAttempt;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, basic auth
 * (account SID, auth token), {@code StatusCallback} = our status webhook. Twilio offers no idempotency key for it.
 */
@ApplicationScoped
public class TwilioSender implements ProviderSender {

    @Inject
    TwilioConfig config;

    @Inject
    GatewayConfig gateway;

    @Inject
    ProviderHttp http;

    @Override
    public String provider() {
        return TwilioInboundMessages.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        String url = config.apiBaseUrl() + "/2010-04-01/Accounts/" + config.accountSid() + "/Messages.json";
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", request.to())
                .add("From", request.from())
                .add("Body", request.body())
                .add("StatusCallback", gateway.publicBaseUrl() + TwilioStatusWebhook.PATH);
        return http.post(url)
                .basicAuthentication(config.accountSid(), config.authToken())
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /** 201 with {@code sid}; errors as {@code {"code": 21610, "message": ..., "status": 400}}. */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        if (ProviderHttp.isSuccess(status)) {
            String sid = ProviderHttp.text(body, "sid");
            return sid == null
                    ? new SendAttempt.Refused(FailureReason.ProviderError, String.valueOf(status),
                            "Twilio answered " + status + " without a message sid")
                    : new SendAttempt.Accepted(sid);
        }
        String code = ProviderHttp.text(body, "code");
        String text = ProviderHttp.text(body, "message");
        String providerCode = code == null ? String.valueOf(status) : code;
        String providerText = text == null ? ProviderHttp.statusText(response) : text;
        if (ProviderHttp.isTransient(status)) {
            return new SendAttempt.Transient(providerCode, providerText,
                    ProviderHttp.retryAfter(response, Instant.now()));
        }
        // The delivery-report table knows Twilio's codes (21610 opted out, 21211 invalid 'To', ...).
        FailureReason reason = code == null ? null : TwilioDeliveryReports.ERROR_CODES.get(code);
        return new SendAttempt.Refused(reason == null ? ProviderHttp.reasonForStatus(status) : reason, providerCode,
                providerText);
    }
}
