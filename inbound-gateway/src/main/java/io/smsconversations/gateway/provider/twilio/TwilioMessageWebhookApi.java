package io.smsconversations.gateway.provider.twilio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.webhook.ApiExamples;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP contract of {@link TwilioMessageWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 * Examples are in {@link ApiExamples}.
 */
public interface TwilioMessageWebhookApi {

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
                            @SchemaProperty(name = "MessageSid", type = SchemaType.STRING, example = ApiExamples.TWILIO_MESSAGE_SID),
                            @SchemaProperty(name = "From", type = SchemaType.STRING, description = "customer number, E.164", example = ApiExamples.CUSTOMER),
                            @SchemaProperty(name = "To", type = SchemaType.STRING, description = "business number, E.164", example = ApiExamples.BUSINESS),
                            @SchemaProperty(name = "Body", type = SchemaType.STRING),
                            @SchemaProperty(name = "NumSegments", type = SchemaType.INTEGER, description = "default 1"),
                            @SchemaProperty(name = "NumMedia", type = SchemaType.INTEGER, description = "default 0, at most 10"),
                            @SchemaProperty(name = "MediaUrl0", type = SchemaType.STRING, description = "one per attachment: MediaUrl0..MediaUrl{NumMedia-1}, https on Twilio's API host; kept by the gateway, never published"),
                            @SchemaProperty(name = "MediaContentType0", type = SchemaType.STRING, description = "one per attachment") })))
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged; empty TwiML, no reply is sent",
            content = @Content(mediaType = MediaType.TEXT_XML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "empty", value = TwilioMessageWebhook.EMPTY_TWIML)))
    @APIResponse(responseCode = "400", description = "Authentic but malformed: a required field is missing or unusable; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature missing or wrong; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; Twilio should retry (the retry is deduplicated by event id)",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    Uni<Response> receive(@HeaderParam(TwilioSignature.HEADER) String signature, String body,
            @Context HttpServerRequest request);
}
