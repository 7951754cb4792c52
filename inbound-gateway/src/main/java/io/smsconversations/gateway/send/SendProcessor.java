package io.smsconversations.gateway.send;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.SendRequested;

/**
 * Sends one request at most once per outcome: the ledger first ({@code IN_FLIGHT}), then the provider (with
 * retries), then the outcome into the ledger, then the result onto Kafka. A request the ledger knows as done is not
 * sent again; its stored result is published again, identical (same event id, same fields).
 */
@ApplicationScoped
public class SendProcessor {

    private static final Logger LOG = Logger.getLogger(SendProcessor.class);

    @Inject
    SendLedger ledger;

    @Inject
    ProviderSenders senders;

    @Inject
    SendRetries retries;

    @Inject
    SendResultPublisher results;

    @Inject
    SendConfig config;

    @Inject
    SendMetrics metrics;

    Clock clock = Clock.systemUTC();

    /**
     * Completes with the outcome ({@code accepted}, {@code failed}, {@code republished}); fails if the ledger or
     * Kafka stayed unavailable through their retries.
     */
    public Uni<String> process(SendRequested request) {
        return infrastructure(ledger.record(request, now())).flatMap(entry -> switch (entry.state()) {
            case ACCEPTED -> republish(results.publish(accepted(request, entry.providerMessageId(),
                    entry.completedAt())), request);
            case FAILED -> republish(results.publish(failed(request, entry.reason(), entry.providerCode(),
                    entry.providerText(), entry.completedAt())), request);
            case IN_FLIGHT -> {
                if (!entry.isFirstDelivery()) {
                    // An earlier delivery recorded it and stopped before recording an answer (a crash, a rebalance,
                    // the database gone): the provider may have it. Send again (at least once) - see README.
                    LOG.warnf("Send %s was in flight when delivery %d arrived; sending it again", request.requestId(),
                            entry.deliveries());
                    metrics.outcome(request.provider(), "resumed");
                }
                yield send(request, entry.firstSentAt());
            }
        });
    }

    private Uni<String> send(SendRequested request, Instant firstSentAt) {
        Optional<SendAttempt.Refused> invalid = invalid(request);
        Uni<SendAttempt> attempt = invalid.isPresent()
                ? Uni.createFrom().item(invalid.get())
                : retries.send(senders.of(request.provider()).orElseThrow(), request, firstSentAt);
        return attempt.flatMap(result -> {
            Instant at = now();
            if (result instanceof SendAttempt.Accepted accepted) {
                SendAccepted event = accepted(request, accepted.providerMessageId(), at);
                return infrastructure(ledger.accepted(request.requestId(), accepted.providerMessageId(), at))
                        .flatMap(ignored -> infrastructure(results.publish(event)))
                        .invoke(() -> {
                            metrics.outcome(request.provider(), "accepted");
                            LOG.infof("Send %s accepted by %s as %s", request.requestId(), request.provider(),
                                    accepted.providerMessageId());
                        })
                        .replaceWith("accepted");
            }
            SendAttempt.Refused refused = (SendAttempt.Refused) result;
            SendFailed event = failed(request, refused.reason(), SendLedger.shorten(refused.providerCode(), 64),
                    SendLedger.shorten(refused.providerText(), SendLedger.MAX_TEXT), at);
            return infrastructure(ledger.failed(request.requestId(), event.reason(), event.providerCode(),
                    event.providerText(), at))
                    .flatMap(ignored -> infrastructure(results.publish(event)))
                    .invoke(() -> {
                        metrics.outcome(request.provider(), "failed");
                        LOG.infof("Send %s failed at %s: %s (%s %s)", request.requestId(), request.provider(),
                                event.reason(), event.providerCode(), event.providerText());
                    })
                    .replaceWith("failed");
        });
    }

    /** What no provider can send: refused without a call (and recorded, so a redelivery answers the same). */
    private Optional<SendAttempt.Refused> invalid(SendRequested request) {
        if (senders.of(request.provider()).isEmpty()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.ProviderError, null,
                    "the gateway has no sender for provider '" + request.provider() + "'"));
        }
        if (request.to() == null || E164.normalise(request.to()).filter(request.to()::equals).isEmpty()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null,
                    "the destination is not an E.164 number"));
        }
        if (request.from() == null || request.from().isBlank()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null,
                    "the request names no sending number"));
        }
        if (request.body() == null || request.body().isBlank()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null,
                    "the message is empty"));
        }
        return Optional.empty();
    }

    private Uni<String> republish(Uni<Void> publishing, SendRequested request) {
        return infrastructure(publishing).invoke(() -> {
            metrics.outcome(request.provider(), "republished");
            LOG.infof("Send %s was delivered again; its result is published again, nothing is sent",
                    request.requestId());
        }).replaceWith("republished");
    }

    /** The database and Kafka: retried with the same backoff as providers, then the failure is the caller's. */
    private <T> Uni<T> infrastructure(Uni<T> operation) {
        SendConfig.Retry retry = config.retry();
        return operation.onFailure().retry()
                .withBackOff(retry.initialDelay(), retry.maxDelay()).withJitter(0.5)
                .atMost(Math.max(0, retry.maxAttempts() - 1));
    }

    private static SendAccepted accepted(SendRequested request, String providerMessageId, Instant at) {
        return new SendAccepted(request.requestId(), request.conversationId(), request.messageId(),
                request.provider(), providerMessageId, at);
    }

    private static SendFailed failed(SendRequested request, FailureReason reason, String code, String text,
            Instant at) {
        return new SendFailed(request.requestId(), request.conversationId(), request.messageId(), request.provider(),
                reason, code, text, at);
    }

    /** Milliseconds: what the database stores is exactly what was published, so a re-published copy is equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
