package io.smsconversations.gateway.provider.linkmobility;

import java.util.List;
import java.util.Map;

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
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * LINK Mobility's SMS REST API, {@code POST /sms/send} (JSON; basic auth with the API user), numbers as MSISDN with
 * {@code +}, a delivery report to our gate, our request id as {@code refId}. LINK names the message by the
 * {@code messageId} it answers, which its delivery reports carry as {@code id}. The API has no lookup of a sent
 * message and no de-duplication, so an unknown outcome cannot be resolved: the default {@link ProviderSender#lookUp}
 * (unanswered, final) makes it "outcome unknown, not sent again".
 */
@ApplicationScoped
public class LinkMobilitySender implements ProviderSender {

    static final String PATH = "/sms/send";

    private final LinkMobilityConfig config;
    private final ProviderHttp http;

    LinkMobilitySender(LinkMobilityConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public String provider() {
        return LinkMobilityCallbacks.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        JsonObject body = new JsonObject(Map.of(
                "source", request.from(),
                "sourceTON", sourceTon(request.from()),
                "destination", request.to(),
                "destinationTON", "MSISDN",
                "userData", request.body(),
                "platformId", config.platformId(),
                "platformPartnerId", config.platformPartnerId(),
                "useDeliveryReport", true,
                "deliveryReportGates", List.of(config.deliveryReportGate()),
                "refId", request.requestId()));
        return http.post(config.apiBaseUrl() + PATH)
                .basicAuthentication(config.apiUsername(), config.apiPassword())
                .putHeader("Accept", "application/json")
                .sendJsonObject(body)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /**
     * 2xx with {@code {"messageId", "resultCode", "description"}} (1005 Queued when taken; a failure result code is a
     * refusal); errors as a status with {@code description}.
     */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        String resultCode = ProviderHttp.text(body, "resultCode");
        String description = ProviderHttp.text(body, "description");
        if (ProviderHttp.isSuccess(status)) {
            DeliveryStatus mapped = body.path("resultCode").canConvertToInt()
                    ? LinkMobilityCallbacks.status(body.path("resultCode").asInt()) : null;
            if (mapped != null && mapped.isFailure()) {
                return new SendAttempt.Refused(LinkMobilityCallbacks.reason(body.path("resultCode").asInt()),
                        resultCode, description);
            }
            String messageId = ProviderHttp.text(body, "messageId");
            if (messageId == null) {
                return new SendAttempt.Refused(FailureReason.ProviderError, resultCode,
                        description == null ? "no messageId in the answer" : description);
            }
            return new SendAttempt.Accepted(messageId);
        }
        String providerCode = resultCode == null ? String.valueOf(status) : resultCode;
        String providerText = description == null ? ProviderHttp.statusText(response) : description;
        if (ProviderHttp.isTransient(status)) {
            return ProviderHttp.transientAnswer(response, providerCode, providerText);
        }
        return new SendAttempt.Refused(ProviderHttp.reasonForStatus(status), providerCode, providerText);
    }

    /**
     * LINK Mobility's type of the source: the request's sender is as providers write it (SendProcessor), E.164 with
     * {@code +}, a short code's bare digits, or an alphanumeric sender id.
     */
    static String sourceTon(String from) {
        if (from.startsWith("+")) {
            return "MSISDN";
        }
        return from.chars().allMatch(Character::isDigit) ? "SHORTNUMBER" : "ALPHANUMERIC";
    }
}
