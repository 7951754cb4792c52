package io.smsconversations.gateway.send;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendRequested;

/**
 * Calls a provider until it accepts or refuses for good, retrying transient failures with {@link Backoff}, at most
 * {@code gateway.send.retry.max-attempts} calls. Transient to the end becomes a refusal with reason ProviderError,
 * saying so. The waits do not block a thread (Mutiny's delay).
 */
@ApplicationScoped
public class SendRetries {

    private static final Logger LOG = Logger.getLogger(SendRetries.class);

    @Inject
    SendConfig config;

    @Inject
    SendMetrics metrics;

    private volatile Backoff backoff;

    /** Accepted or Refused, never Transient; the Uni does not fail. */
    public Uni<SendAttempt> send(ProviderSender sender, SendRequested request, Instant firstSentAt) {
        return attempt(sender, request, firstSentAt, 1);
    }

    private Uni<SendAttempt> attempt(ProviderSender sender, SendRequested request, Instant firstSentAt,
            int attempt) {
        return Uni.createFrom().deferred(() -> sender.send(new OutboundSend(request, firstSentAt, attempt)))
                // A sender classifies provider trouble itself; anything else thrown is our bug, and as unknown as
                // a timeout: retry it the same way rather than lose the request.
                .onFailure().recoverWithItem(failure -> new SendAttempt.Transient(null,
                        "unexpected failure: " + failure, null))
                .flatMap(result -> {
                    if (!(result instanceof SendAttempt.Transient trouble)) {
                        return Uni.createFrom().item(result);
                    }
                    int maxAttempts = Math.max(1, config.retry().maxAttempts());
                    if (attempt >= maxAttempts) {
                        metrics.retriesExhausted(sender.provider());
                        return Uni.createFrom().item(new SendAttempt.Refused(FailureReason.ProviderError,
                                trouble.providerCode(), "gave up after " + attempt + " attempt(s), the last: "
                                        + trouble.providerText()));
                    }
                    Duration wait = backoff().before(attempt, trouble.retryAfter());
                    metrics.retry(sender.provider());
                    LOG.infof("Send %s to %s: attempt %d of %d failed transiently (%s); retrying in %d ms",
                            request.requestId(), sender.provider(), attempt, maxAttempts, trouble.providerText(),
                            wait.toMillis());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .flatMap(ignored -> attempt(sender, request, firstSentAt, attempt + 1));
                });
    }

    private Backoff backoff() {
        Backoff current = backoff;
        if (current == null) {
            current = Backoff.of(config.retry());
            backoff = current;
        }
        return current;
    }
}
