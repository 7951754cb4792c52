package io.smsconversations.gateway.provider.vonage;

import java.time.Instant;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.media.InboundMedia;
import io.smsconversations.gateway.media.MediaConfig;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * Vonage's Messages API inbound webhook (SMS and MMS): a JSON body signed with a JWT ({@link VonageMessagesSignature}).
 * An MMS's media item is stored in the gateway before the event is published; 200 only once Kafka has the event.
 */
@Path(VonageMessagesWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
public class VonageMessagesWebhook implements VonageMessagesWebhookApi {

    public static final String PATH = "/webhooks/vonage/messages";

    private static final String PROVIDER = VonageRequests.PROVIDER;
    private static final Logger LOG = Logger.getLogger(VonageMessagesWebhook.class);

    private final VonageMessagesSignature signature;
    private final WebhookAnswers answers;
    private final InboundMessagePublisher publisher;
    private final InboundMedia media;
    private final MediaPolicy mediaPolicy;
    private final ObjectMapper json;

    VonageMessagesWebhook(VonageConfig vonage, WebhookAnswers answers, InboundMessagePublisher publisher,
            InboundMedia media, MediaConfig mediaConfig, ObjectMapper json) {
        this.signature = new VonageMessagesSignature(vonage.signatureSecret(), vonage.maxSignatureAge());
        this.answers = answers;
        this.publisher = publisher;
        this.media = media;
        this.mediaPolicy = MediaPolicy.of(mediaConfig, PROVIDER);
        this.json = json;
    }

    @Override
    public Uni<Response> receive(String authorization, String body) {
        Instant now = Instant.now();
        signature.refusal(authorization, body == null ? "" : body, now).ifPresent(refusal -> {
            throw answers.refused(PROVIDER, refusal.reason(), "(messages api)", refusal.detail());
        });
        ReceivedMessage received;
        try {
            received = VonageMessagesInbound.inbound(JsonFields.object(json, body), now, mediaPolicy);
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, "(messages api)", e.getMessage());
        }
        InboundMessageReceived event = received.event();
        return answers.onceAcknowledged(media.keepThenPublish(received, publisher::publish), PROVIDER,
                event.providerMessageId(), eventId -> {
                    LOG.infof("Accepted Vonage Messages API message %s from %s to %s (%d media) as event %s",
                            event.providerMessageId(), E164.masked(event.from()), E164.masked(event.to()),
                            event.media().size(), eventId);
                    return Response.ok().build();
                });
    }

}
