package io.smsconversations.gateway.webhook;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.inbound.PublishFailedException;
import io.smsconversations.restproblems.Problem;

/**
 * The refusals every adapter answers with, counted and logged the same way: 404 for a provider that is not enabled,
 * 403 for what the provider did not sign, 400 for what cannot make an event, 503 when Kafka did not take it. Each
 * returns the problem to throw, written with rest-problems' {@link Problem} builder like every service's (its
 * {@code detail} is logged by quarkus-resteasy-problem too, so it never quotes a number, a body or a secret); none of
 * them publishes anything. {@link #skipped} is the
 * one that refuses an element of a batch but not the batch.
 */
@ApplicationScoped
public class WebhookAnswers {

    private static final Logger LOG = Logger.getLogger(WebhookAnswers.class);

    private final WebhookMetrics metrics;
    private final GatewayConfig gateway;

    WebhookAnswers(WebhookMetrics metrics, GatewayConfig gateway) {
        this.metrics = metrics;
        this.gateway = gateway;
    }

    /** 404: the provider's webhooks are not enabled on this gateway ({@code gateway.<provider>.enabled}). */
    public HttpProblem disabled(String provider) {
        metrics.rejected(provider, Rejection.PROVIDER_DISABLED);
        LOG.warnf("Refused a %s webhook: the provider is not enabled on this gateway", provider);
        return Problem.of(Response.Status.NOT_FOUND).detail("This gateway does not serve " + provider + " webhooks: "
                + "the provider is not enabled (gateway." + provider + ".enabled).").build();
    }

    /**
     * One element of a batch (Event Grid, Infobip) that cannot make an event: counted and logged, and the rest of the
     * batch is still published. A 400 would make the provider drop, or retry for ever, the good elements with it.
     *
     * @param element what the element was, safe to log: its index, a message id that looks like one, masked numbers
     * @param problem which fields are wrong, never their values
     */
    public void skipped(String provider, String element, String problem) {
        metrics.skipped(provider);
        LOG.warnf("%s webhook: skipped %s, publishing the rest: %s", provider, element, problem);
    }

    /** 403: the secret or signature is missing, wrong or stale. {@code logId} must be safe to log (no numbers). */
    public HttpProblem refused(String provider, Rejection reason, String logId, String detail) {
        metrics.rejected(provider, reason);
        LOG.warnf("Refused %s webhook %s (%s)", provider, logId, reason.tag());
        return Problem.of(Response.Status.FORBIDDEN).detail(detail).build();
    }

    /** 400: authentic, but unusable; {@code detail} names fields, never quotes numbers or bodies. */
    public HttpProblem malformed(String provider, String logId, String detail) {
        metrics.rejected(provider, Rejection.MALFORMED);
        LOG.warnf("Refused %s webhook %s (%s): %s", provider, logId, Rejection.MALFORMED.tag(), detail);
        return Problem.of(Response.Status.BAD_REQUEST).detail(detail).build();
    }

    /**
     * How every adapter ends a webhook that published one event: once Kafka acknowledged it, counted and answered by
     * {@code accepted} (which logs it and picks the provider's success status); 503 when Kafka did not take it.
     *
     * @param logId safe to log (the provider's message id)
     */
    public Uni<Response> onceAcknowledged(Uni<String> published, String provider, String logId,
            Function<String, Response> accepted) {
        return published
                .onItem().transform(eventId -> {
                    metrics.accepted(provider);
                    return accepted.apply(eventId);
                })
                .onFailure(PublishFailedException.class).transform(failure -> unavailable(provider, logId, failure));
    }

    /**
     * How a batch webhook (ACS Event Grid, Infobip) ends once it has mapped what it could: every event published, 200
     * once Kafka acknowledged them all (each counted), 503 when any was not (the provider resends the batch; the
     * events it holds again are deduplicated by id); 200 at once when nothing is left to publish.
     *
     * @param logId   the batch, safe to log ({@code (batch of 3)})
     * @param summary what the batch held, for the log line ({@code 2 message(s), 1 skipped})
     */
    public Uni<Response> onceAllAcknowledged(List<Uni<String>> published, String provider, String logId,
            Supplier<String> summary) {
        if (published.isEmpty()) {
            LOG.infof("Acknowledged a %s batch with nothing to publish (%s)", provider, summary.get());
            return Uni.createFrom().item(Response.ok().build());
        }
        return Uni.join().all(published).andCollectFailures()
                .onItem().transform(ids -> {
                    ids.forEach(id -> metrics.accepted(provider));
                    LOG.infof("Accepted a %s batch: %s", provider, summary.get());
                    return Response.ok().build();
                })
                .onFailure().transform(failure -> unavailable(provider, logId, failure));
    }

    /** 503 with Retry-After: Kafka did not acknowledge in time; the provider retries, the retry has the same ids. */
    public HttpProblem unavailable(String provider, String logId, Throwable failure) {
        metrics.rejected(provider, Rejection.KAFKA_UNAVAILABLE);
        long retryAfter = Math.max(1, gateway.kafka().retryAfter().toSeconds());
        LOG.warnf("%s webhook %s not acknowledged by Kafka, answering 503 so the provider retries: %s", provider,
                logId, failure.getMessage());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE).detail("The event could not be stored: Kafka did not "
                + "acknowledge it in time. Retry later; the retry is deduplicated by its event id.")
                .header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }
}
