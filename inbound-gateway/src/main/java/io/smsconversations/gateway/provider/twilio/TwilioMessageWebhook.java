package io.smsconversations.gateway.provider.twilio;

import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
 */
@Path(TwilioMessageWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "404", description = "Twilio is not enabled on this gateway (gateway.twilio.enabled); nothing published",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
public class TwilioMessageWebhook {

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

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Receive an inbound SMS/MMS from Twilio",
            description = "Configure as the number's (or Messaging Service's) \"A message comes in\" webhook, method "
                    + "HTTP POST. The request must carry a valid X-Twilio-Signature for the public URL "
                    + "(gateway.public-base-url + path + query). The message is published to Kafka topic "
                    + "sms.inbound-messages and acknowledged by Kafka (acks=all) before the gateway answers 200.")
    @Parameter(name = TwilioSignature.HEADER, in = ParameterIn.HEADER, required = true,
            description = "base64(HMAC-SHA1(auth token, public URL + sorted parameter names and values))")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = { "MessageSid", "From", "To" },
                    description = "Twilio's incoming-message parameters; all parameters sent are signed and checked",
                    properties = {
                            @SchemaProperty(name = "MessageSid", type = SchemaType.STRING, example = "SM0123456789abcdef0123456789abcdef"),
                            @SchemaProperty(name = "From", type = SchemaType.STRING, description = "customer number, E.164", example = "+14255550100"),
                            @SchemaProperty(name = "To", type = SchemaType.STRING, description = "business number, E.164", example = "+14255550199"),
                            @SchemaProperty(name = "Body", type = SchemaType.STRING),
                            @SchemaProperty(name = "NumSegments", type = SchemaType.INTEGER, description = "default 1"),
                            @SchemaProperty(name = "NumMedia", type = SchemaType.INTEGER, description = "default 0, at most 10"),
                            @SchemaProperty(name = "MediaUrl0", type = SchemaType.STRING, description = "one per attachment: MediaUrl0..MediaUrl{NumMedia-1}, https on Twilio's API host; kept by the gateway, never published"),
                            @SchemaProperty(name = "MediaContentType0", type = SchemaType.STRING, description = "one per attachment") })))
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged; empty TwiML, no reply is sent",
            content = @Content(mediaType = MediaType.TEXT_XML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "empty", value = EMPTY_TWIML)))
    @APIResponse(responseCode = "400", description = "Authentic but malformed: a required field is missing or unusable; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature missing or wrong; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; Twilio should retry (the retry is deduplicated by event id)",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Response> receive(@HeaderParam(TwilioSignature.HEADER) String signature, String body,
            @Context HttpServerRequest request) {
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
