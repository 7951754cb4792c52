package io.smsconversations.gateway.provider.telesign;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

/**
 * The HTTP contract of {@link TelesignWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface TelesignWebhookApi {

    @POST
    @Path("callbacks")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Receive a transaction callback from Telesign (delivery report or inbound SMS)",
            description = "Set as the account's Customer Callback URL. JSON; sub_resource mo_sms is an inbound SMS "
                    + "(user_response.phone_number, sender_id, mo_message) published to sms.inbound-messages, any "
                    + "other a message status (reference_id, status.code) published to sms.delivery-reports. "
                    + "Authorization: TSA <customer id>:<Base64(HMAC-SHA256(api key, body))>. 200 only once Kafka "
                    + "acknowledged the event.")
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged")
    Uni<Response> callback(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body);
}
