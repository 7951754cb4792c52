package io.smsconversations.gateway.provider.linkmobility;

import java.time.Instant;
import java.util.function.Supplier;

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
import io.smsconversations.gateway.webhook.BasicAuth;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.SharedSecret;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * LINK Mobility's two callback URLs, as its Dynamics 365 setup has them: one for delivery reports (the gate named in
 * {@code deliveryReportGates} of every send) and one for incoming messages (the gate of the number's MO route). Both
 * are authenticated by the HTTP basic auth set on the gates. Each refuses the other's payload (400), so a gate pointed
 * at the wrong URL is noticed. 200 only once Kafka acknowledged the event; LINK retries anything else.
 */
@Path("/webhooks/linkmobility")
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "400", description = "Authentic but malformed (an unknown result code, a missing field, a number that is not E.164); nothing published", content = @Content(mediaType = LinkMobilityWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "Basic auth missing or wrong; nothing published", content = @Content(mediaType = LinkMobilityWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "LINK Mobility is not enabled on this gateway (gateway.linkmobility.enabled); nothing published", content = @Content(mediaType = LinkMobilityWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge; LINK Mobility retries", content = @Content(mediaType = LinkMobilityWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
public class LinkMobilityWebhook implements LinkMobilityWebhookApi {

    public static final String DELIVERY_REPORTS_PATH = "/webhooks/linkmobility/delivery-reports";
    public static final String INBOUND_PATH = "/webhooks/linkmobility/inbound";

    static final String PROBLEM = "application/problem+json";
    private static final String PROVIDER = LinkMobilityCallbacks.PROVIDER;
    private static final Logger LOG = Logger.getLogger(LinkMobilityWebhook.class);

    private final LinkMobilityConfig link;
    private final ObjectMapper json;
    private final InboundMessagePublisher inboundPublisher;
    private final DeliveryReportPublisher reportPublisher;
    private final WebhookAnswers answers;

    LinkMobilityWebhook(LinkMobilityConfig link, ObjectMapper json, InboundMessagePublisher inboundPublisher,
            DeliveryReportPublisher reportPublisher, WebhookAnswers answers) {
        this.link = link;
        this.json = json;
        this.inboundPublisher = inboundPublisher;
        this.reportPublisher = reportPublisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> deliveryReport(String authorization, String body) {
        authenticate(authorization);
        JsonNode callback = parse(body);
        Instant now = Instant.now();
        DeliveryReportReceived report = map(callback, "id", () -> {
            if (callback.has("messageId") && !callback.has("id")) {
                throw new MalformedWebhookException("This is an incoming message: point the MO gate at "
                        + INBOUND_PATH + ".");
            }
            return LinkMobilityCallbacks.deliveryReport(callback, now);
        });
        return answers.onceAcknowledged(reportPublisher.publish(report), PROVIDER, report.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted LINK Mobility report %s (result %s) of message %s as event %s",
                            report.status(), report.providerCode(), report.providerMessageId(), eventId);
                    return Response.ok().build();
                });
    }

    @Override
    public Uni<Response> inbound(String authorization, String body) {
        authenticate(authorization);
        JsonNode callback = parse(body);
        Instant now = Instant.now();
        InboundMessageReceived message = map(callback, "messageId", () -> {
            if (callback.has("resultCode")) {
                throw new MalformedWebhookException("This is a delivery report: point the delivery-report gate at "
                        + DELIVERY_REPORTS_PATH + ".");
            }
            return LinkMobilityCallbacks.inbound(callback, now);
        });
        return answers.onceAcknowledged(inboundPublisher.publish(message), PROVIDER, message.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted LINK Mobility message %s from %s to %s as event %s",
                            message.providerMessageId(), E164.masked(message.from()), E164.masked(message.to()),
                            eventId);
                    return Response.ok().build();
                });
    }

    private void authenticate(String authorization) {
        if (!BasicAuth.isBasic(authorization)) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, "(no basic auth)",
                    "Basic auth is missing: set the gate's user name and password to this gateway's.");
        }
        if (!SharedSecret.matches(link.webhookPassword(), BasicAuth.passwordFor(authorization,
                link.webhookUsername()))) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(wrong credentials)",
                    "The basic auth user and password do not match this gateway's.");
        }
    }

    private JsonNode parse(String body) {
        try {
            return JsonFields.object(json, body);
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", e.getMessage());
        }
    }

    private <T> T map(JsonNode callback, String idField, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, LinkMobilityCallbacks.logId(callback, idField), e.getMessage());
        }
    }
}
