package io.smsconversations.gateway.provider.vonage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP contract of {@link VonageWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface VonageWebhookApi {

    @GET
    @Path("inbound")
    @Operation(summary = "Receive an inbound SMS from Vonage (GET)", description = VonageWebhook.INBOUND_DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Published to Kafka and acknowledged")
    Uni<Response> inboundByGet(@Context HttpServerRequest request);

    @POST
    @Path("inbound")
    @Operation(summary = "Receive an inbound SMS from Vonage (POST, form or JSON)", description = VonageWebhook.INBOUND_DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Published to Kafka and acknowledged")
    Uni<Response> inboundByPost(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body);

    @GET
    @Path("delivery-receipt")
    @Operation(summary = "Receive a delivery receipt from Vonage (GET)", description = VonageWebhook.RECEIPT_DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Published to Kafka and acknowledged")
    Uni<Response> receiptByGet(@Context HttpServerRequest request);

    @POST
    @Path("delivery-receipt")
    @Operation(summary = "Receive a delivery receipt from Vonage (POST, form or JSON)", description = VonageWebhook.RECEIPT_DESCRIPTION)
    @APIResponse(responseCode = "204", description = "Published to Kafka and acknowledged")
    Uni<Response> receiptByPost(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body);
}
