package io.smsconversations.gateway.provider.linkmobility;

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
 * The HTTP contract of {@link LinkMobilityWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface LinkMobilityWebhookApi {

    @POST
    @Path("delivery-reports")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Receive a delivery report from LINK Mobility",
            description = "The delivery-report gate's URL (Dynamics 365: \"Delivery report URL\"). JSON with id (the "
                    + "message id /sms/send answered), refId, resultCode, operatorResultCode. Published to "
                    + "sms.delivery-reports; 200 once Kafka acknowledged it.")
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged")
    Uni<Response> deliveryReport(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @POST
    @Path("inbound")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Receive an incoming SMS from LINK Mobility",
            description = "The MO route's gate URL (Dynamics 365: \"Incoming message URL\"). JSON with messageId, "
                    + "source, destination, content.userData. Published to sms.inbound-messages; 200 once Kafka "
                    + "acknowledged it.")
    @APIResponse(responseCode = "200", description = "Published to Kafka and acknowledged")
    Uni<Response> inbound(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);
}
