package io.smsconversations.gateway.webhook.acs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.gateway.delivery.DeliveryReportPublisher;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.SharedSecret;
import io.smsconversations.gateway.webhook.WebhookAnswers;
import io.smsconversations.gateway.webhook.WebhookMetrics;

/**
 * Azure Communication Services' SMS events, delivered by an Event Grid webhook subscription: the subscription
 * validation handshake, inbound messages and delivery reports, several in one POST. A batch is all or nothing: every
 * event is checked before any is published, and 200 means Kafka acknowledged all of them; otherwise Event Grid
 * retries the whole batch (the repeats keep their event ids).
 */
@Path(AcsEventGridWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
public class AcsEventGridWebhook {

    public static final String PATH = "/webhooks/acs/events";
    public static final String SECRET_HEADER = "x-sms-webhook-secret";
    public static final String SUBSCRIPTION_HEADER = "aeg-subscription-name";

    private static final String PROVIDER = AcsEvents.PROVIDER;
    private static final Logger LOG = Logger.getLogger(AcsEventGridWebhook.class);

    @Inject
    AcsConfig acs;

    @Inject
    ObjectMapper json;

    @Inject
    InboundMessagePublisher inboundPublisher;

    @Inject
    DeliveryReportPublisher reportPublisher;

    @Inject
    WebhookAnswers answers;

    @Inject
    WebhookMetrics metrics;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/cloudevents-batch+json", MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive Azure Communication Services SMS events from Event Grid",
            description = "Event Grid webhook subscription (Event Grid schema) for Microsoft.Communication.SMSReceived "
                    + "and Microsoft.Communication.SMSDeliveryReportReceived, URL ending in ?code=<secret>. Answers "
                    + "the subscription validation handshake. 200 only once Kafka acknowledged every event of the batch.")
    @APIResponse(responseCode = "200", description = "Validation answered, or every event published and acknowledged")
    @APIResponse(responseCode = "400", description = "A malformed event; nothing of the batch published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "Secret or subscription name missing or wrong; nothing published",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event; Event Grid retries the batch",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Response> receive(@QueryParam("code") String code, @HeaderParam(SECRET_HEADER) String secretHeader,
            @HeaderParam(SUBSCRIPTION_HEADER) String subscription, String body) {
        authenticate(code, secretHeader, subscription);
        JsonNode events = parse(body);
        Instant now = Instant.now();

        if (events.size() == 1 && AcsEvents.type(events.get(0)).filter(AcsEvents.VALIDATION::equals).isPresent()) {
            String validationCode = AcsEvents.validationCode(events.get(0)).orElseThrow(() -> answers.malformed(
                    PROVIDER, "(validation)", "The subscription validation event has no data.validationCode."));
            LOG.infof("Answered Event Grid's subscription validation for %s", subscription);
            return Uni.createFrom().item(Response.ok(Map.of("validationResponse", validationCode)).build());
        }

        List<InboundMessageReceived> messages = new ArrayList<>();
        List<DeliveryReportReceived> reports = new ArrayList<>();
        int ignored = 0;
        try {
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                int index = i;
                String type = AcsEvents.type(event).orElseThrow(() -> new MalformedWebhookException(
                        "Event " + index + " of the batch has no eventType."));
                switch (type) {
                    case AcsEvents.SMS_RECEIVED -> messages.add(AcsEvents.inbound(event, i, now));
                    case AcsEvents.SMS_DELIVERY_REPORT -> reports.add(AcsEvents.deliveryReport(event, i, now));
                    case AcsEvents.VALIDATION -> throw new MalformedWebhookException(
                            "A subscription validation event must come alone.");
                    // Another event type the subscription was set to deliver: acknowledged, not ours to publish.
                    default -> ignored++;
                }
            }
        } catch (MalformedWebhookException e) {
            throw answers.malformed(PROVIDER, "(batch of " + events.size() + ")", e.getMessage());
        }

        List<Uni<String>> sends = new ArrayList<>();
        messages.forEach(message -> sends.add(inboundPublisher.publish(message)));
        reports.forEach(report -> sends.add(reportPublisher.publish(report)));
        if (sends.isEmpty()) {
            LOG.infof("Acknowledged an Event Grid batch with no SMS event (%d other)", ignored);
            return Uni.createFrom().item(Response.ok().build());
        }
        int ignoredCount = ignored;
        return Uni.join().all(sends).andCollectFailures()
                .onItem().transform(ids -> {
                    ids.forEach(id -> metrics.accepted(PROVIDER));
                    LOG.infof("Accepted an Event Grid batch: %d message(s), %d delivery report(s), %d other event(s)",
                            messages.size(), reports.size(), ignoredCount);
                    return Response.ok().build();
                })
                .onFailure().transform(failure -> answers.unavailable(PROVIDER,
                        "(batch of " + events.size() + ")", failure));
    }

    private void authenticate(String code, String secretHeader, String subscription) {
        String given = secretHeader != null && !secretHeader.isBlank() ? secretHeader : code;
        if (given == null || given.isBlank()) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, "(no secret)", "The webhook secret is "
                    + "missing: put it in the subscription's URL (?code=...) or the " + SECRET_HEADER + " header.");
        }
        if (!SharedSecret.matches(acs.webhookSecret(), given.strip())) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(wrong secret)",
                    "The webhook secret does not match the one configured for this gateway.");
        }
        if (subscription == null || !subscription.strip().equalsIgnoreCase(acs.subscriptionName())) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(other subscription)", "The "
                    + SUBSCRIPTION_HEADER + " header does not name the Event Grid subscription this gateway expects.");
        }
    }

    /** The batch: Event Grid posts a JSON array; a single object is taken as a batch of one. */
    private JsonNode parse(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body is not valid JSON.");
        }
        if (root != null && root.isObject()) {
            root = json.createArrayNode().add(root);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body is not a non-empty JSON array of events.");
        }
        for (JsonNode event : root) {
            if (!event.isObject()) {
                throw answers.malformed(PROVIDER, "(unparsable)", "Every element of the batch must be an object.");
            }
        }
        return root;
    }
}
