package io.smsconversations.gateway.provider.acs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

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

/**
 * Azure Communication Services' SMS events, delivered by an Event Grid webhook subscription in the Event Grid schema
 * or the CloudEvents 1.0 schema: either schema's validation handshake, inbound messages and delivery reports, several
 * in one POST. An element that cannot make an event (a short-code sender, an unknown status, a missing field) is
 * skipped, counted and logged, and the rest of the batch is published: Event Grid does not retry a 400, so refusing
 * the batch would lose every good event in it. 200 means Kafka acknowledged every event published; otherwise Event
 * Grid retries the whole batch (the repeats keep their event ids).
 */
@Path(AcsEventGridWebhook.PATH)
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "403", description = "Secret or subscription name missing or wrong; nothing published",
        content = @Content(mediaType = AcsEventGridWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "ACS is not enabled on this gateway (gateway.acs.enabled); nothing published",
        content = @Content(mediaType = AcsEventGridWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
public class AcsEventGridWebhook implements AcsEventGridWebhookApi {

    public static final String PATH = "/webhooks/acs/events";
    public static final String SECRET_HEADER = "x-sms-webhook-secret";
    public static final String SUBSCRIPTION_HEADER = "aeg-subscription-name";
    public static final String REQUEST_ORIGIN = "WebHook-Request-Origin";
    public static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";
    public static final String ALLOWED_RATE = "WebHook-Allowed-Rate";
    public static final String CLOUD_EVENT = "application/cloudevents+json";
    public static final String CLOUD_EVENTS_BATCH = "application/cloudevents-batch+json";
    static final String PROBLEM = "application/problem+json";

    private static final String PROVIDER = AcsEvents.PROVIDER;
    private static final Logger LOG = Logger.getLogger(AcsEventGridWebhook.class);

    private final AcsConfig acs;
    private final ObjectMapper json;
    private final InboundMessagePublisher inboundPublisher;
    private final DeliveryReportPublisher reportPublisher;
    private final WebhookAnswers answers;

    AcsEventGridWebhook(AcsConfig acs, ObjectMapper json, InboundMessagePublisher inboundPublisher,
            DeliveryReportPublisher reportPublisher, WebhookAnswers answers) {
        this.acs = acs;
        this.json = json;
        this.inboundPublisher = inboundPublisher;
        this.reportPublisher = reportPublisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> receive(String code, String secretHeader,
            String subscription, String body) {
        authenticate(code, secretHeader, subscription, true);
        JsonNode events = parse(body);
        Instant now = Instant.now();

        if (events.size() == 1 && AcsEvents.type(events.get(0)).filter(AcsEvents.VALIDATION::equals).isPresent()) {
            String validationCode = AcsEvents.validationCode(events.get(0)).orElseThrow(() -> answers.malformed(
                    PROVIDER, "(validation)", "The subscription validation event has no data.validationCode."));
            LOG.infof("Answered Event Grid's subscription validation for %s", subscription);
            return Uni.createFrom().item(Response.ok(Map.of("validationResponse", validationCode)).build());
        }

        Batch batch = map(events, now);
        List<Uni<String>> sends = new ArrayList<>();
        batch.messages().forEach(message -> sends.add(inboundPublisher.publish(message)));
        batch.reports().forEach(report -> sends.add(reportPublisher.publish(report)));
        return answers.onceAllAcknowledged(sends, PROVIDER, "(batch of " + events.size() + ")",
                () -> batch.messages().size() + " message(s), " + batch.reports().size() + " delivery report(s), "
                        + batch.ignored() + " other event(s), " + batch.skipped() + " skipped");
    }

    @Override
    public Response validate(String code, String secretHeader,
            String subscription, String origin) {
        authenticate(code, secretHeader, subscription, false);
        if (origin == null || origin.isBlank()) {
            throw answers.malformed(PROVIDER, "(validation)", "The CloudEvents validation request has no "
                    + REQUEST_ORIGIN + " header.");
        }
        LOG.infof("Answered the CloudEvents validation handshake of %s", origin.strip());
        return Response.ok().header(ALLOWED_ORIGIN, origin.strip()).header(ALLOWED_RATE, acs.allowedRate())
                .header("Allow", "OPTIONS, POST").build();
    }

    /** Maps every element it can; the others are skipped one by one, so one bad element costs only itself. */
    private Batch map(JsonNode events, Instant now) {
        List<InboundMessageReceived> messages = new ArrayList<>();
        List<DeliveryReportReceived> reports = new ArrayList<>();
        int ignored = 0;
        int skipped = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            try {
                switch (AcsEvents.kind(event, i)) {
                    case AcsEvents.SMS_RECEIVED -> messages.add(AcsEvents.inbound(event, i, now));
                    case AcsEvents.SMS_DELIVERY_REPORT -> reports.add(AcsEvents.deliveryReport(event, i, now));
                    case AcsEvents.VALIDATION -> throw new MalformedWebhookException(
                            "Event " + i + " of the batch is a subscription validation event, which must come alone.");
                    // Another event type the subscription was set to deliver: acknowledged, not ours to publish.
                    default -> ignored++;
                }
            } catch (MalformedWebhookException e) {
                skipped++;
                answers.skipped(PROVIDER, AcsEvents.describe(event, i, events.size()), e.getMessage());
            }
        }
        return new Batch(messages, reports, ignored, skipped);
    }

    /** What a batch makes: the events to publish, how many were of other types, how many could not be mapped. */
    private record Batch(List<InboundMessageReceived> messages, List<DeliveryReportReceived> reports, int ignored,
            int skipped) {
    }

    private void authenticate(String code, String secretHeader, String subscription, boolean subscriptionRequired) {
        String given = secretHeader != null && !secretHeader.isBlank() ? secretHeader : code;
        if (given == null || given.isBlank()) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, "(no secret)", "The webhook secret is "
                    + "missing: put it in the subscription's URL (?code=...) or the " + SECRET_HEADER + " header.");
        }
        if (!SharedSecret.matches(acs.webhookSecret(), given.strip())) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(wrong secret)",
                    "The webhook secret does not match the one configured for this gateway.");
        }
        boolean absent = subscription == null || subscription.isBlank();
        if (absent && !subscriptionRequired) {
            return;
        }
        if (absent || !subscription.strip().equalsIgnoreCase(acs.subscriptionName())) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(other subscription)", "The "
                    + SUBSCRIPTION_HEADER + " header does not name the Event Grid subscription this gateway expects.");
        }
    }

    /**
     * The batch: Event Grid posts a JSON array (Event Grid schema, or CloudEvents batch); a single object (one
     * CloudEvent, or one event) is a batch of one. Only a body that is none of these is refused as a whole.
     */
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
            throw answers.malformed(PROVIDER, "(unparsable)",
                    "The body is neither an event nor a non-empty JSON array of events.");
        }
        return root;
    }
}
