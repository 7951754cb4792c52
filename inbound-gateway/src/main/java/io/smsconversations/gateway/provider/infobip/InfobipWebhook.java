package io.smsconversations.gateway.provider.infobip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.delivery.DeliveryReportPublisher;
import io.smsconversations.gateway.inbound.InboundMessagePublisher;
import io.smsconversations.gateway.webhook.BasicAuth;
import io.smsconversations.gateway.webhook.JsonFields;
import io.smsconversations.gateway.webhook.MalformedWebhookException;
import io.smsconversations.gateway.webhook.ProblemDetails;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.SharedSecret;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * Infobip's webhooks: inbound SMS ({@code results[]}) and delivery reports ({@code results[]}), authenticated by a
 * shared secret. A result that cannot make an event (a short-code or alphanumeric sender, an unknown status, a missing
 * field) is skipped, counted and logged, and the others are published: refusing the request would hold back, or lose,
 * every good result with it. 200 means Kafka acknowledged every published event; otherwise Infobip retries the whole
 * request (the repeats keep their event ids).
 */
@Path("/webhooks/infobip")
@Tag(name = "Provider webhooks", description = "Callbacks from SMS providers, authenticated by each provider's signature")
@APIResponse(responseCode = "404", description = "Infobip is not enabled on this gateway (gateway.infobip.enabled); nothing published",
        content = @Content(mediaType = InfobipWebhook.PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
public class InfobipWebhook implements InfobipWebhookApi {

    public static final String INBOUND_PATH = "/webhooks/infobip/inbound";
    public static final String DELIVERY_REPORTS_PATH = "/webhooks/infobip/delivery-reports";
    public static final String SECRET_HEADER = "x-sms-webhook-secret";

    private static final String PROVIDER = InfobipResults.PROVIDER;
    static final String PROBLEM = "application/problem+json";

    private final InfobipConfig infobip;
    private final ObjectMapper json;
    private final InboundMessagePublisher inboundPublisher;
    private final DeliveryReportPublisher reportPublisher;
    private final WebhookAnswers answers;

    InfobipWebhook(InfobipConfig infobip, ObjectMapper json, InboundMessagePublisher inboundPublisher,
            DeliveryReportPublisher reportPublisher, WebhookAnswers answers) {
        this.infobip = infobip;
        this.json = json;
        this.inboundPublisher = inboundPublisher;
        this.reportPublisher = reportPublisher;
        this.answers = answers;
    }

    @Override
    public Uni<Response> inbound(String secret,
            String authorization, String body) {
        authenticate(secret, authorization);
        Instant now = Instant.now();
        return publishAll(results(body), (result, index) -> InfobipResults.inbound(result, index, now),
                inboundPublisher::publish);
    }

    @Override
    public Uni<Response> deliveryReports(String secret,
            String authorization, String body) {
        authenticate(secret, authorization);
        Instant now = Instant.now();
        return publishAll(results(body), (result, index) -> InfobipResults.deliveryReport(result, index, now),
                reportPublisher::publish);
    }

    /**
     * Maps every result it can (one that cannot is skipped, counted and logged, and costs only itself), then publishes
     * them all and answers 200 once every one is acknowledged.
     */
    private <T> Uni<Response> publishAll(List<JsonNode> results, BiFunction<JsonNode, Integer, T> map,
            Function<T, Uni<String>> publish) {
        List<T> events = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            try {
                events.add(map.apply(results.get(i), i));
            } catch (MalformedWebhookException e) {
                answers.skipped(PROVIDER, InfobipResults.describe(results.get(i), i, results.size()), e.getMessage());
            }
        }
        int skipped = results.size() - events.size();
        List<Uni<String>> sends = events.stream().map(publish).toList();
        return answers.onceAllAcknowledged(sends, PROVIDER, "(" + results.size() + " result(s))",
                () -> sends.size() + " result(s) published, " + skipped + " skipped");
    }

    private void authenticate(String secret, String authorization) {
        String given = null;
        if (secret != null && !secret.isBlank()) {
            given = secret.strip();
        } else if (BasicAuth.isBasic(authorization)) {
            given = BasicAuth.passwordFor(authorization, infobip.basicAuthUsername());
        }
        if (given == null) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, "(no secret)", "The webhook secret is "
                    + "missing: send it in the " + SECRET_HEADER + " header or as the password of basic auth.");
        }
        if (!SharedSecret.matches(infobip.webhookSecret(), given)) {
            throw answers.refused(PROVIDER, Rejection.SECRET_INVALID, "(wrong secret)",
                    "The webhook secret (or basic auth user and password) does not match this gateway's.");
        }
    }

    private List<JsonNode> results(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body is not valid JSON.");
        }
        JsonNode results = JsonFields.field(root, "results").orElse(null);
        if (results == null || !results.isArray()) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body has no results array.");
        }
        List<JsonNode> list = new ArrayList<>();
        results.forEach(list::add);
        return list;
    }
}
