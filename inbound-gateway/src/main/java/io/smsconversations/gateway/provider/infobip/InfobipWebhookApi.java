package io.smsconversations.gateway.provider.infobip;

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

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.webhook.ProblemDetails;

/**
 * The HTTP contract of {@link InfobipWebhook} (OpenAPI), in one place, so the resource reads as what it does.
 */
public interface InfobipWebhookApi {

    @POST
    @Path("inbound")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Receive inbound SMS from Infobip",
            description = "Infobip's forward-to-URL for incoming SMS (JSON results[]). Secret in x-sms-webhook-secret "
                    + "or basic auth. Results that cannot be mapped are skipped, counted in "
                    + "gateway_webhook_skipped_total and logged. 200 only once Kafka acknowledged every other message.")
    @APIResponse(responseCode = "200", description = "Every mappable message published and acknowledged")
    @APIResponse(responseCode = "400", description = "The body is not JSON or has no results array; nothing published", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "Secret missing or wrong; nothing published", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; Infobip retries", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    Uni<Response> inbound(@HeaderParam(InfobipWebhook.SECRET_HEADER) String secret,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @POST
    @Path("delivery-reports")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Receive delivery reports from Infobip",
            description = "Infobip's notifyUrl for SMS delivery reports (JSON results[]). Secret in "
                    + "x-sms-webhook-secret or basic auth. Results that cannot be mapped are skipped, counted in "
                    + "gateway_webhook_skipped_total and logged. 200 only once Kafka acknowledged every other report.")
    @APIResponse(responseCode = "200", description = "Every mappable report published and acknowledged")
    @APIResponse(responseCode = "400", description = "The body is not JSON or has no results array; nothing published", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "Secret missing or wrong; nothing published", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; Infobip retries", content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    Uni<Response> deliveryReports(@HeaderParam(InfobipWebhook.SECRET_HEADER) String secret,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);
}
