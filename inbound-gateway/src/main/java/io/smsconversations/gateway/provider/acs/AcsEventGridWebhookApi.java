package io.smsconversations.gateway.provider.acs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.webhook.ProblemDetails;

/**
 * The HTTP contract of {@link AcsEventGridWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface AcsEventGridWebhookApi {

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, AcsEventGridWebhook.CLOUD_EVENT, AcsEventGridWebhook.CLOUD_EVENTS_BATCH, MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive Azure Communication Services SMS events from Event Grid",
            description = "Event Grid webhook subscription for Microsoft.Communication.SMSReceived and "
                    + "Microsoft.Communication.SMSDeliveryReportReceived, URL ending in ?code=<secret>; Event Grid "
                    + "schema (a JSON array, answering the SubscriptionValidationEvent handshake) or CloudEvents 1.0 "
                    + "schema (one event as application/cloudevents+json, or a batch as "
                    + "application/cloudevents-batch+json). Events that cannot be mapped are skipped, counted in "
                    + "gateway_webhook_skipped_total and logged; the others are published. 200 only once Kafka "
                    + "acknowledged every published event.")
    @APIResponse(responseCode = "200", description = "Validation answered, or every mappable event published and acknowledged")
    @APIResponse(responseCode = "400", description = "The body is not JSON, or not an event or array of events; nothing published",
            content = @Content(mediaType = AcsEventGridWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event; Event Grid retries the batch",
            content = @Content(mediaType = AcsEventGridWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    Uni<Response> receive(@QueryParam("code") String code, @HeaderParam(AcsEventGridWebhook.SECRET_HEADER) String secretHeader,
            @HeaderParam(AcsEventGridWebhook.SUBSCRIPTION_HEADER) String subscription, String body);

    /**
     * The CloudEvents 1.0 webhook validation handshake (abuse protection): Event Grid asks with an OPTIONS request
     * before delivering in the CloudEvents schema, and delivers only once the answer grants its origin. Authenticated
     * like a delivery, so a stranger cannot make this gateway accept a subscription it did not ask for.
     */
    @OPTIONS
    @Operation(summary = "Answer Event Grid's CloudEvents validation handshake",
            description = "HTTP OPTIONS with WebHook-Request-Origin (eventgrid.azure.net), sent by Event Grid to a "
                    + "subscription in the CloudEvents 1.0 schema. Same secret as deliveries (?code= or "
                    + "x-sms-webhook-secret); aeg-subscription-name, when sent, must name the expected subscription.")
    @APIResponse(responseCode = "200", description = "Delivery granted to the origin",
            headers = { @Header(name = AcsEventGridWebhook.ALLOWED_ORIGIN, description = "the requesting origin", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = AcsEventGridWebhook.ALLOWED_RATE, description = "requests per minute, or *", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "No WebHook-Request-Origin header",
            content = @Content(mediaType = AcsEventGridWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    Response validate(@QueryParam("code") String code, @HeaderParam(AcsEventGridWebhook.SECRET_HEADER) String secretHeader,
            @HeaderParam(AcsEventGridWebhook.SUBSCRIPTION_HEADER) String subscription, @HeaderParam(AcsEventGridWebhook.REQUEST_ORIGIN) String origin);
}
