package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.gateway.delivery.DeliveryReportPublisher;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.WebhookAnswers;
import io.vertx.core.http.HttpServerRequest;

/**
 * Twilio's message status callback (the {@code StatusCallback} of a send): verified like every Twilio webhook,
 * published as a {@link DeliveryReportReceived} and answered 204 only once Kafka has it.
 */
@Path(TwilioStatusWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "404", description = "Twilio is not enabled on this gateway (gateway.twilio.enabled); nothing published",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
public class TwilioStatusWebhook implements TwilioStatusWebhookApi {

    public static final String PATH = "/webhooks/twilio/status";

    private static final String PROVIDER = TwilioInboundMessages.PROVIDER;
    private static final Logger LOG = Logger.getLogger(TwilioStatusWebhook.class);

    private final TwilioRequestVerifier verifier;
    private final DeliveryReportPublisher publisher;
    private final WebhookAnswers answers;

    TwilioStatusWebhook(TwilioRequestVerifier verifier, DeliveryReportPublisher publisher,
            WebhookAnswers answers) {
        this.verifier = verifier;
        this.publisher = publisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> receive(String signature, String body, HttpServerRequest request) {
        FormParameters form = verifier.verify(signature, body, request);
        String logId = TwilioRequestVerifier.logId(form);
        DeliveryReportReceived report;
        try {
            report = TwilioDeliveryReports.toEvent(form, Instant.now());
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, logId, e.getMessage());
        }
        return answers.onceAcknowledged(publisher.publish(report), PROVIDER, report.providerMessageId(),
                eventId -> {
                    LOG.infof("Accepted Twilio status %s (%s) of message %s as event %s", report.status(),
                            report.providerCode() == null ? "no error" : "error " + report.providerCode(),
                            report.providerMessageId(), eventId);
                    return Response.noContent().build();
                });
    }
}
