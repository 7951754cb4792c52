package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.media.InboundMedia;
import io.smsconversations.gateway.media.MediaConfig;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.WebhookAnswers;
import io.vertx.core.http.HttpServerRequest;

/**
 * Twilio's "A message comes in" webhook. It answers only after the event is in Kafka, so Twilio's 200 means the
 * message is safe; it refuses what Twilio did not sign (403) and what cannot make an event (400), publishing nothing.
 * Its HTTP contract (OpenAPI) is {@link TwilioMessageWebhookApi}.
 */
@Path(TwilioMessageWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "404", description = "Twilio is not enabled on this gateway (gateway.twilio.enabled); nothing published",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
public class TwilioMessageWebhook implements TwilioMessageWebhookApi {

    public static final String PATH = "/webhooks/twilio/messages";

    /** An empty TwiML document: "received, no reply"; anything else would make Twilio send an SMS back. */
    public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static final String PROVIDER = TwilioInboundMessages.PROVIDER;
    private static final Logger LOG = Logger.getLogger(TwilioMessageWebhook.class);
    /** What a Twilio SID looks like; anything else from an unauthenticated caller is not echoed into the logs. */

    private final TwilioRequestVerifier verifier;
    private final WebhookAnswers answers;
    private final InboundMessagePublisher publisher;
    private final InboundMedia media;
    private final MediaPolicy mediaPolicy;

    TwilioMessageWebhook(TwilioRequestVerifier verifier, WebhookAnswers answers,
            InboundMessagePublisher publisher, InboundMedia media, MediaConfig mediaConfig) {
        this.verifier = verifier;
        this.answers = answers;
        this.publisher = publisher;
        this.media = media;
        this.mediaPolicy = MediaPolicy.of(mediaConfig, PROVIDER);
    }

    @Override
    public Uni<Response> receive(String signature, String body, HttpServerRequest request) {
        FormParameters form = verifier.verify(signature, body, request);
        ReceivedMessage received;
        try {
            received = TwilioInboundMessages.read(form, Instant.now(), mediaPolicy);
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, TwilioRequestVerifier.logId(form), e.getMessage());
        }
        InboundMessageReceived event = received.event();
        // Media first (the gateway's database), then Kafka: every media id the event carries resolves.
        return answers.onceAcknowledged(media.keepThenPublish(received, publisher::publish), PROVIDER,
                event.providerMessageId(), eventId -> accepted(event, eventId));
    }

    private static Response accepted(InboundMessageReceived event, String eventId) {
        LOG.infof("Accepted Twilio message %s from %s to %s (%d segment(s), %d media) as event %s",
                event.providerMessageId(), E164.masked(event.from()), E164.masked(event.to()), event.segments(),
                event.media().size(), eventId);
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE).build();
    }
}
