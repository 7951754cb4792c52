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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP contract of {@link TwilioStatusWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface TwilioStatusWebhookApi {

    @POST
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON })
    @Operation(summary = "Receive a message status callback from Twilio",
            description = "Set as the StatusCallback of outbound messages (or of the Messaging Service). The request "
                    + "must carry a valid X-Twilio-Signature for the public URL. The report is published to Kafka topic "
                    + "sms.delivery-reports and acknowledged by Kafka (acks=all) before the gateway answers 204.")
    @Parameter(name = TwilioSignature.HEADER, in = ParameterIn.HEADER, required = true,
            description = "base64(HMAC-SHA1(auth token, public URL + sorted parameter names and values))")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = { "MessageSid", "MessageStatus" },
                    properties = {
                            @SchemaProperty(name = "MessageSid", type = SchemaType.STRING),
                            @SchemaProperty(name = "MessageStatus", type = SchemaType.STRING,
                                    description = "queued, accepted, scheduled, sending, sent, delivered, read, undelivered, failed, canceled"),
                            @SchemaProperty(name = "ErrorCode", type = SchemaType.STRING, description = "Twilio error code, when failed or undelivered"),
                            @SchemaProperty(name = "From", type = SchemaType.STRING),
                            @SchemaProperty(name = "To", type = SchemaType.STRING) })))
    @APIResponse(responseCode = "204", description = "Published to Kafka and acknowledged")
    @APIResponse(responseCode = "400", description = "Authentic but malformed; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature missing or wrong; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; Twilio should retry",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
        Uni<Response> receive(@HeaderParam(TwilioSignature.HEADER) String signature, String body,
            @Context HttpServerRequest request);
}
