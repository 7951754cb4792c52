package io.smsconversations.gateway.provider.vonage;

import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.E164;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.media.InboundMedia;
import io.smsconversations.gateway.media.MediaConfig;
import io.smsconversations.gateway.media.MediaPolicy;
import io.smsconversations.gateway.media.ReceivedMessage;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * Vonage's Messages API inbound webhook (SMS and MMS): a JSON body signed with a JWT ({@link VonageMessagesSignature}).
 * An MMS's media item is stored in the gateway before the event is published; 200 only once Kafka has the event.
 */
@Path(VonageMessagesWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
public class VonageMessagesWebhook {

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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive an inbound SMS/MMS from Vonage's Messages API",
            description = "Set as the Vonage application's Messages inbound URL, with signed webhooks (the JWT in "
                    + "Authorization is checked with the signature secret and its payload_hash with the body). "
                    + "Channels sms and mms; message_type text, image, video, audio, file or vcard (<type>.url on "
                    + "Vonage's media host). Published to sms.inbound-messages and acknowledged by Kafka before the "
                    + "gateway answers 200.")
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged")
    @APIResponse(responseCode = "400", description = "Authentic but malformed; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "JWT missing, not signed with the secret, stale, or not of this body; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "Vonage is not enabled on this gateway (gateway.vonage.enabled); nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka (or, for an MMS, the gateway's database) did not take it; Vonage should retry",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Response> receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        Instant now = Instant.now();
        signature.refusal(authorization, body == null ? "" : body, now).ifPresent(refusal -> {
            throw answers.refused(PROVIDER, refusal.reason(), "(messages api)", refusal.detail());
        });
        ReceivedMessage received;
        try {
            received = VonageMessagesApi.inbound(parse(body), now, mediaPolicy);
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

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new MalformedWebhookException("The body is not a JSON object.");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new MalformedWebhookException("The body is not valid JSON.");
        }
    }
}
