package io.smsconversations.gateway.provider.vonage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.webhook.ProblemDetails;

/**
 * The HTTP contract of {@link VonageMessagesWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface VonageMessagesWebhookApi {

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
    Uni<Response> receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);
}
