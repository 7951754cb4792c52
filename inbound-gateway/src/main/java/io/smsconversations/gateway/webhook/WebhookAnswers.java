package io.smsconversations.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.ServiceUnavailableException;

import org.jboss.logging.Logger;

import io.smsconversations.gateway.GatewayConfig;

/**
 * The refusals every adapter answers with, counted and logged the same way: 403 for what the provider did not sign,
 * 400 for what cannot make an event, 503 when Kafka did not take it. Each returns the exception to throw (its message
 * becomes the problem's {@code detail}); none of them publishes anything.
 */
@ApplicationScoped
public class WebhookAnswers {

    private static final Logger LOG = Logger.getLogger(WebhookAnswers.class);

    @Inject
    WebhookMetrics metrics;

    @Inject
    GatewayConfig gateway;

    /** 403: the secret or signature is missing, wrong or stale. {@code logId} must be safe to log (no numbers). */
    public ForbiddenException refused(String provider, Rejection reason, String logId, String detail) {
        metrics.rejected(provider, reason);
        LOG.warnf("Refused %s webhook %s (%s)", provider, logId, reason.tag());
        return new ForbiddenException(detail);
    }

    /** 400: authentic, but unusable; {@code detail} names fields, never quotes numbers or bodies. */
    public MalformedWebhookException malformed(String provider, String logId, String detail) {
        metrics.rejected(provider, Rejection.MALFORMED);
        LOG.warnf("Refused %s webhook %s (%s): %s", provider, logId, Rejection.MALFORMED.tag(), detail);
        return new MalformedWebhookException(detail);
    }

    /** 503 with Retry-After: Kafka did not acknowledge in time; the provider retries, the retry has the same ids. */
    public ServiceUnavailableException unavailable(String provider, String logId, Throwable failure) {
        metrics.rejected(provider, Rejection.KAFKA_UNAVAILABLE);
        long retryAfter = Math.max(1, gateway.kafka().retryAfter().toSeconds());
        LOG.warnf("%s webhook %s not acknowledged by Kafka, answering 503 so the provider retries: %s", provider,
                logId, failure.getMessage());
        return new ServiceUnavailableException("The event could not be stored: Kafka did not acknowledge it in time. "
                + "Retry later; the retry is deduplicated by its event id.", retryAfter, failure);
    }
}
