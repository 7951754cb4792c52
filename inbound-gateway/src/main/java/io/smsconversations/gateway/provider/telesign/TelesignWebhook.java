package io.smsconversations.gateway.provider.telesign;

import java.time.Instant;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.delivery.DeliveryReportPublisher;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * Telesign's transaction callback URL: one URL for the statuses of our messages and for inbound SMS
 * ({@code sub_resource} {@code mo_sms}), as Telesign delivers both there. Authenticated by the HMAC of the raw body
 * with the account's API key ({@link TelesignSignature}). Telesign expects 200 and retries anything else twice (after
 * 10 s and 30 s), so 200 is answered only once Kafka acknowledged the event.
 */
@Path("/webhooks/telesign")
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "400", description = "Authentic but malformed (an unknown status code, a missing field, a number that is not E.164); nothing published", content = @Content(mediaType = TelesignWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "Authorization missing, or not the HMAC of the body with this gateway's API key; nothing published", content = @Content(mediaType = TelesignWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "Telesign is not enabled on this gateway (gateway.telesign.enabled); nothing published", content = @Content(mediaType = TelesignWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge; Telesign retries", content = @Content(mediaType = TelesignWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
public class TelesignWebhook implements TelesignWebhookApi {

    public static final String CALLBACKS_PATH = "/webhooks/telesign/callbacks";

    static final String PROBLEM = "application/problem+json";
    private static final String PROVIDER = TelesignCallbacks.PROVIDER;
    private static final Logger LOG = Logger.getLogger(TelesignWebhook.class);

    private final TelesignConfig telesign;
    private final ObjectMapper json;
    private final InboundMessagePublisher inboundPublisher;
    private final DeliveryReportPublisher reportPublisher;
    private final WebhookAnswers answers;

    TelesignWebhook(TelesignConfig telesign, ObjectMapper json, InboundMessagePublisher inboundPublisher,
            DeliveryReportPublisher reportPublisher, WebhookAnswers answers) {
        this.telesign = telesign;
        this.json = json;
        this.inboundPublisher = inboundPublisher;
        this.reportPublisher = reportPublisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> callback(String authorization, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        authenticate(authorization, raw);
        JsonNode callback = parse(raw);
        Instant now = Instant.now();
        return TelesignCallbacks.isInbound(callback) ? inbound(callback, now) : report(callback, now);
    }

    private Uni<Response> inbound(JsonNode callback, Instant now) {
        InboundMessageReceived message = map(callback, () -> TelesignCallbacks.inbound(callback, now));
        return answers.onceAcknowledged(inboundPublisher.publish(message), PROVIDER, message.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted Telesign message %s from %s to %s as event %s", message.providerMessageId(),
                            E164.masked(message.from()), E164.masked(message.to()), eventId);
                    return Response.ok().build();
                });
    }

    private Uni<Response> report(JsonNode callback, Instant now) {
        DeliveryReportReceived report = map(callback, () -> TelesignCallbacks.deliveryReport(callback, now));
        return answers.onceAcknowledged(reportPublisher.publish(report), PROVIDER, report.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted Telesign status %s (code %s) of message %s as event %s", report.status(),
                            report.providerCode(), report.providerMessageId(), eventId);
                    return Response.ok().build();
                });
    }

    private void authenticate(String authorization, byte[] body) {
        if (authorization == null || authorization.isBlank()) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, "(unsigned)",
                    "The Authorization header is missing: Telesign signs every callback with the account's API key.");
        }
        if (!TelesignSignature.matches(telesign.apiKey(), telesign.customerId(), authorization, body)) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_INVALID, "(bad signature)",
                    "The Authorization header is not this account's signature of the body.");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return JsonFields.object(json, body);
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", e.getMessage());
        }
    }

    private <T> T map(JsonNode callback, java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, TelesignCallbacks.logId(callback), e.getMessage());
        }
    }
}
