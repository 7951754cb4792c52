package io.smsconversations.gateway.provider.vonage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Vonage's SMS API: {@code POST /sms/json}, form-encoded with {@code api_key}/{@code api_secret}, {@code callback} =
 * our delivery-receipt webhook, {@code client-ref} = our request id. Vonage answers 200 even to refusals; the
 * per-message {@code status} says what happened. It offers no idempotency key.
 */
@ApplicationScoped
public class VonageSender implements ProviderSender {

    /** How far Vonage's clock and ours may disagree, around the window a lookup asks for. */
    static final Duration LOOKUP_SKEW = Duration.ofMinutes(5);

    /** The SMS API's send statuses that mean "later" (throttled, internal error, too many binds). */
    static final Set<String> TRANSIENT_STATUSES = Set.of("1", "5", "10");

    /** The SMS API's send statuses (developer.vonage.com, SMS API troubleshooting); others are ProviderError. */
    static final Map<String, FailureReason> STATUSES = Map.ofEntries(
            Map.entry("2", FailureReason.InvalidSendingParameters), // missing parameters
            Map.entry("3", FailureReason.InvalidSendingParameters), // invalid parameters
            Map.entry("4", FailureReason.AccountProblem), // invalid credentials
            Map.entry("6", FailureReason.InvalidSendingParameters), // invalid message (unroutable)
            Map.entry("7", FailureReason.Blocked), // number barred
            Map.entry("8", FailureReason.AccountProblem), // partner account barred
            Map.entry("9", FailureReason.AccountProblem), // partner quota violation (balance)
            Map.entry("11", FailureReason.AccountProblem), // account not enabled for HTTP
            Map.entry("12", FailureReason.InvalidSendingParameters), // message too long
            Map.entry("14", FailureReason.AccountProblem), // invalid signature
            Map.entry("15", FailureReason.InvalidSendingParameters), // invalid sender address
            Map.entry("22", FailureReason.InvalidSendingParameters), // invalid network code
            Map.entry("29", FailureReason.AccountProblem), // non-whitelisted destination (trial account)
            Map.entry("32", FailureReason.AccountProblem), // signature and api secret disallowed
            Map.entry("33", FailureReason.InvalidSendingParameters)); // number de-activated

    private final VonageConfig config;
    private final GatewayConfig gateway;
    private final ProviderHttp http;

    VonageSender(VonageConfig config, GatewayConfig gateway, ProviderHttp http) {
        this.config = config;
        this.gateway = gateway;
        this.http = http;
    }

    @Override
    public String provider() {
        return VonageRequests.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("api_key", config.apiKey())
                .add("api_secret", config.apiSecret())
                .add("from", ProviderHttp.withoutPlus(request.from()))
                .add("to", ProviderHttp.withoutPlus(request.to()))
                .add("text", request.body())
                .add("type", "unicode")
                .add("status-report-req", "1")
                .add("callback", gateway.publicBaseUrl() + VonageWebhook.DELIVERY_RECEIPT_PATH)
                .add("client-ref", request.requestId());
        return http.post(config.apiBaseUrl() + "/sms/json")
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /**
     * The Reports API, synchronous: {@code GET /v2/reports/records?account_id=<api key>&product=SMS&direction=outbound
     * &date_start=..&date_end=..&client_ref=<request id>}, basic auth with key and secret. Our request id is the
     * send's {@code client-ref}, so a record with it is this request. Reports is a paid Vonage product and indexes
     * records with a delay: a record not there yet reads as not found (README, "Unknown outcomes").
     */
    @Override
    public Uni<SendLookup> lookUp(OutboundSend send) {
        String requestId = send.request().requestId();
        return http.get(config.reportsApiBaseUrl() + "/v2/reports/records")
                .addQueryParam("account_id", config.apiKey())
                .addQueryParam("product", "SMS")
                .addQueryParam("direction", "outbound")
                .addQueryParam("date_start", send.firstSentAt().minus(LOOKUP_SKEW).truncatedTo(ChronoUnit.SECONDS).toString())
                .addQueryParam("date_end", Instant.now().plus(LOOKUP_SKEW).truncatedTo(ChronoUnit.SECONDS).toString())
                .addQueryParam("client_ref", requestId)
                .basicAuthentication(config.apiKey(), config.apiSecret())
                .putHeader("Accept", "application/json")
                .send()
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unansweredLookup(failure) : readRecords(response, requestId));
    }

    /** {@code {"records": [{"message_id", "client_ref", "to", "status", ...}], ...}}. */
    private SendLookup readRecords(HttpResponse<Buffer> response, String requestId) {
        if (!ProviderHttp.isSuccess(response.statusCode())) {
            return ProviderHttp.refusedLookup(response);
        }
        JsonNode records = http.jsonBody(response).path("records");
        if (!records.isArray()) {
            return new SendLookup.Unanswered("Vonage's report had no records array", true);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = ProviderHttp.text(record, "message_id");
            if (requestId.equals(ProviderHttp.text(record, "client_ref")) && messageId != null) {
                ids.add(messageId);
            }
        }
        return ids.isEmpty() ? new SendLookup.NotFound() : new SendLookup.Found(ids);
    }

    /** {@code {"message-count": "1", "messages": [{"status": "0", "message-id": ...}]}}, or a status with error-text. */
    private SendAttempt read(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonNode body = http.jsonBody(response);
        if (ProviderHttp.isTransient(status)) {
            return ProviderHttp.transientAnswer(response, String.valueOf(status), ProviderHttp.statusText(response));
        }
        JsonNode message = body.path("messages").path(0);
        if (message.isMissingNode()) {
            message = body;
        }
        String code = ProviderHttp.text(message, "status");
        String text = ProviderHttp.text(message, "error-text");
        String messageId = ProviderHttp.text(message, "message-id");
        if (ProviderHttp.isSuccess(status) && "0".equals(code) && messageId != null) {
            return new SendAttempt.Accepted(messageId);
        }
        if (code == null) {
            return new SendAttempt.Refused(ProviderHttp.reasonForStatus(status), String.valueOf(status),
                    ProviderHttp.statusText(response));
        }
        String providerText = text == null ? "status " + code : text;
        if (TRANSIENT_STATUSES.contains(code)) {
            // 5 is Vonage's own internal error; 1 and 10 are throttling of our account.
            return "5".equals(code) ? SendAttempt.Transient.failing(code, providerText, null)
                    : SendAttempt.Transient.throttled(code, providerText, null);
        }
        return new SendAttempt.Refused(STATUSES.getOrDefault(code, FailureReason.ProviderError), code, providerText);
    }
}
