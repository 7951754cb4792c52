package io.smsconversations.gateway.provider.vonage;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.delivery.DeliveryReportPublisher;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.WebhookAnswers;
import io.vertx.core.http.HttpServerRequest;

/**
 * Vonage's SMS API webhooks: inbound messages and delivery receipts, by GET or POST (form or JSON) as chosen in the
 * dashboard, each verified by its {@code sig} and {@code timestamp} and answered 204 only once Kafka has the event.
 */
@Path("/webhooks/vonage")
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
// Every endpoint refuses alike: declared once for all four operations.
@APIResponse(responseCode = "400", description = VonageWebhook.MALFORMED, content = @Content(mediaType = VonageWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = VonageWebhook.DISABLED, content = @Content(mediaType = VonageWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = VonageWebhook.REFUSED, content = @Content(mediaType = VonageWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "503", description = VonageWebhook.UNAVAILABLE, content = @Content(mediaType = VonageWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
public class VonageWebhook implements VonageWebhookApi {

    public static final String INBOUND_PATH = "/webhooks/vonage/inbound";
    public static final String DELIVERY_RECEIPT_PATH = "/webhooks/vonage/delivery-receipt";

    private static final String PROVIDER = VonageRequests.PROVIDER;
    private static final Logger LOG = Logger.getLogger(VonageWebhook.class);

    private final VonageRequests requests;
    private final InboundMessagePublisher inboundPublisher;
    private final DeliveryReportPublisher reportPublisher;
    private final WebhookAnswers answers;

    VonageWebhook(VonageRequests requests, InboundMessagePublisher inboundPublisher,
            DeliveryReportPublisher reportPublisher, WebhookAnswers answers) {
        this.requests = requests;
        this.inboundPublisher = inboundPublisher;
        this.reportPublisher = reportPublisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> inboundByGet(HttpServerRequest request) {
        return inbound(requests.fromQuery(request.query()));
    }

    @Override
    public Uni<Response> inboundByPost(String contentType, String body) {
        return inbound(requests.fromBody(contentType, body));
    }

    @Override
    public Uni<Response> receiptByGet(HttpServerRequest request) {
        return receipt(requests.fromQuery(request.query()));
    }

    @Override
    public Uni<Response> receiptByPost(String contentType, String body) {
        return receipt(requests.fromBody(contentType, body));
    }

    private Uni<Response> inbound(Map<String, String> parameters) {
        Instant now = Instant.now();
        requests.verify(parameters, now);
        InboundMessageReceived message = map(parameters, p -> VonageMessages.inbound(p, now));
        return answers.onceAcknowledged(inboundPublisher.publish(message), PROVIDER, message.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted Vonage message %s from %s to %s as event %s", message.providerMessageId(),
                            E164.masked(message.from()), E164.masked(message.to()), eventId);
                    return Response.noContent().build();
                });
    }

    private Uni<Response> receipt(Map<String, String> parameters) {
        Instant now = Instant.now();
        requests.verify(parameters, now);
        DeliveryReportReceived report = map(parameters, p -> VonageMessages.deliveryReceipt(p, now));
        return answers.onceAcknowledged(reportPublisher.publish(report), PROVIDER, report.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted Vonage receipt %s (%s) of message %s as event %s", report.status(),
                            report.providerCode() == null ? "no error" : "error " + report.providerCode(),
                            report.providerMessageId(), eventId);
                    return Response.noContent().build();
                });
    }

    private <T> T map(Map<String, String> parameters, Function<Map<String, String>, T> mapping) {
        try {
            return mapping.apply(parameters);
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, VonageRequests.logId(parameters), e.getMessage());
        }
    }

    static final String PROBLEM = "application/problem+json";
    static final String MALFORMED = "Authentic but malformed (a delivery receipt at the inbound endpoint included, and "
            + "the other way round); nothing published";
    static final String DISABLED = "Vonage is not enabled on this gateway (gateway.vonage.enabled); nothing published";
    static final String REFUSED = "sig missing or wrong, or timestamp stale; nothing published";
    static final String UNAVAILABLE = "Kafka did not acknowledge in time; Vonage should retry";
    static final String INBOUND_DESCRIPTION = "Set as the number's (or account's) inbound webhook URL. "
            + "Parameters msisdn, to, messageId, text, type, timestamp, sig (signed webhooks must be enabled). "
            + "Published to sms.inbound-messages and acknowledged by Kafka before the gateway answers 204.";
    static final String RECEIPT_DESCRIPTION = "Set as the account's delivery receipt webhook URL. "
            + "Parameters messageId, status, err-code, msisdn (recipient), to (sender), timestamp, sig. "
            + "Published to sms.delivery-reports and acknowledged by Kafka before the gateway answers 204.";
}
