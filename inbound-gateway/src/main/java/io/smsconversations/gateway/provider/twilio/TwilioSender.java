package io.smsconversations.gateway.provider.twilio;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
import io.smsconversations.gateway.send.SendLookup;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, basic auth
 * (account SID, auth token), {@code StatusCallback} = our status webhook. Twilio offers no idempotency key, so an
 * unknown outcome is resolved by listing the account's messages from our number to the customer and matching the
 * body and the creation time.
 */
@ApplicationScoped
public class TwilioSender implements ProviderSender {

    /** How far Twilio's clock and ours may disagree when matching {@code date_created} to the ledger's time. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Twilio's own default page; a pair of numbers rarely has more messages since a send than this. */
    static final int PAGE_SIZE = 50;

    private final TwilioConfig config;
    private final GatewayConfig gateway;
    private final ProviderHttp http;

    @Inject
    public TwilioSender(TwilioConfig config, GatewayConfig gateway, ProviderHttp http) {
        this.config = config;
        this.gateway = gateway;
        this.http = http;
    }

    @Override
    public String provider() {
        return TwilioInboundMessages.PROVIDER;
    }

    @Override
    public Uni<SendAttempt> send(OutboundSend send) {
        SendRequested request = send.request();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", request.to())
                .add("From", request.from())
                .add("Body", request.body())
                .add("StatusCallback", gateway.publicBaseUrl() + TwilioStatusWebhook.PATH);
        return http.post(messagesUrl())
                .basicAuthentication(config.accountSid(), config.authToken())
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unanswered(failure) : read(response));
    }

    /**
     * {@code GET .../Messages.json?To=..&From=..&PageSize=50}: the newest messages of the pair. No {@code DateSent}
     * filter: a message Twilio still queues has no {@code date_sent} yet and would be missed, and missing it means
     * sending it twice. A match has our body and was created after the ledger first recorded the request.
     */
    @Override
    public Uni<SendLookup> lookUp(OutboundSend send) {
        SendRequested request = send.request();
        return http.get(messagesUrl())
                .addQueryParam("To", request.to())
                .addQueryParam("From", request.from())
                .addQueryParam("PageSize", String.valueOf(PAGE_SIZE))
                .basicAuthentication(config.accountSid(), config.authToken())
                .putHeader("Accept", "application/json")
                .send()
                .onItemOrFailure().transform((response, failure) -> failure != null
                        ? ProviderHttp.unansweredLookup(failure) : readList(response, send));
    }

    private String messagesUrl() {
        return config.apiBaseUrl() + "/2010-04-01/Accounts/" + config.accountSid() + "/Messages.json";
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
            return ProviderHttp.transientAnswer(response, providerCode, providerText);
        }
        // The delivery-report table knows Twilio's codes (21610 opted out, 21211 invalid 'To', ...).
        FailureReason reason = code == null ? null : TwilioDeliveryReports.ERROR_CODES.get(code);
        return new SendAttempt.Refused(reason == null ? ProviderHttp.reasonForStatus(status) : reason, providerCode,
                providerText);
    }

    /** {@code {"messages": [{"sid", "to", "from", "body", "date_created": RFC 2822}, ...]}}. */
    private SendLookup readList(HttpResponse<Buffer> response, OutboundSend send) {
        if (!ProviderHttp.isSuccess(response.statusCode())) {
            return ProviderHttp.refusedLookup(response);
        }
        JsonNode messages = http.jsonBody(response).path("messages");
        if (!messages.isArray()) {
            return new SendLookup.Unanswered("Twilio's message list had no messages array", true);
        }
        Instant since = send.firstSentAt().minus(CLOCK_SKEW);
        List<Map.Entry<Instant, String>> matches = new ArrayList<>();
        for (JsonNode message : messages) {
            Instant created = created(message);
            if (created != null && !created.isBefore(since) && sameMessage(message, send.request())) {
                matches.add(Map.entry(created, ProviderHttp.text(message, "sid")));
            }
        }
        matches.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return matches.isEmpty() ? new SendLookup.NotFound()
                : new SendLookup.Found(matches.stream().map(Map.Entry::getValue).toList());
    }

    /** A trial account prefixes the body ("Sent from your Twilio trial account - "), so the end must match. */
    private static boolean sameMessage(JsonNode message, SendRequested request) {
        String body = ProviderHttp.text(message, "body");
        return ProviderHttp.text(message, "sid") != null && request.to().equals(ProviderHttp.text(message, "to"))
                && request.from().equals(ProviderHttp.text(message, "from"))
                && body != null && body.endsWith(request.body());
    }

    private static Instant created(JsonNode message) {
        String created = ProviderHttp.text(message, "date_created");
        if (created == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(created, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc2822) {
            return null;
        }
    }
}
