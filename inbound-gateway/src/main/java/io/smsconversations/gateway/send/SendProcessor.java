package io.smsconversations.gateway.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.SendingCapabilities;
import io.smsconversations.events.SendRequested;

/**
 * Sends one request at most once, whichever replica receives it and however often. In named steps:
 * <ol>
 * <li>{@code claim}: the ledger records it {@code IN_FLIGHT}, held by this replica for a lease;</li>
 * <li>a request the ledger knows as done is not sent: its stored result is published again, identical;</li>
 * <li>a request another replica holds (a live lease) is waited for, reading the row until it is done or the lease
 * ended, without holding up other conversations;</li>
 * <li>a request whose lease ended without an outcome is taken over; its outcome is unknown (the earlier holder may
 * have reached the provider), so the provider is asked before it is called ({@link SendRetries});</li>
 * <li>the provider is called, retried as {@link SendRetries} says;</li>
 * <li>{@code record-outcome}, then {@code publish-result}: each retried on its own ({@link SendSteps#afterCall}),
 * never calling the provider again.</li>
 * </ol>
 */
@ApplicationScoped
public class SendProcessor {

    private static final Logger LOG = Logger.getLogger(SendProcessor.class);

    private final SendLedger ledger;
    private final ProviderSenders senders;
    private final SendRetries retries;
    private final SendResultPublisher results;
    private final SendSteps steps;
    private final SendConfig config;
    private final SendMetrics metrics;
    private final SendOwner owner;
    private final Clock clock;

    @Inject
    public SendProcessor(SendLedger ledger, ProviderSenders senders, SendRetries retries,
            SendResultPublisher results, SendSteps steps, SendConfig config, SendMetrics metrics, SendOwner owner) {
        this(ledger, senders, retries, results, steps, config, metrics, owner, Clock.systemUTC());
    }

    /** A processor for another owner: a second replica sharing the ledger, in tests. */
    public SendProcessor(SendLedger ledger, ProviderSenders senders, SendRetries retries,
            SendResultPublisher results, SendSteps steps, SendConfig config, SendMetrics metrics, SendOwner owner,
            Clock clock) {
        this.ledger = ledger;
        this.senders = senders;
        this.retries = retries;
        this.results = results;
        this.steps = steps;
        this.config = config;
        this.metrics = metrics;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * Completes with the outcome ({@code accepted}, {@code failed}, {@code republished}, {@code handed-over}); fails
     * if the ledger or Kafka stayed unavailable through their step's retries.
     */
    public Uni<String> process(SendRequested request) {
        return steps.beforeCall(SendSteps.CLAIM, request.requestId(),
                () -> ledger.claim(request, owner.id(), config.lease().duration(), now()))
                .flatMap(entry -> act(request, entry));
    }

    private Uni<String> act(SendRequested request, LedgerEntry entry) {
        if (entry.isCompleted()) {
            return republish(request, entry);
        }
        if (entry.isFirstDelivery() && owner.id().equals(entry.owner())) {
            return send(request, entry, false);
        }
        return takeOver(request);
    }

    /** Known already and not done: take it over if its lease ended, else wait for its holder. */
    private Uni<String> takeOver(SendRequested request) {
        return steps.beforeCall(SendSteps.TAKE_OVER, request.requestId(),
                () -> ledger.takeOver(request.requestId(), owner.id(), config.lease().duration()))
                .flatMap(taken -> taken.isPresent() ? resume(request, taken.get()) : awaitHolder(request));
    }

    private Uni<String> resume(SendRequested request, LedgerEntry entry) {
        LOG.warnf("Send %s was in flight without an answer when delivery %d arrived; asking the provider before "
                + "sending it", request.requestId(), entry.deliveries());
        metrics.outcome(request.provider(), "resumed");
        return send(request, entry, true);
    }

    /** Another replica holds it: read the row again until it is done or the lease ended, then act on the row. */
    private Uni<String> awaitHolder(SendRequested request) {
        return steps.beforeCall(SendSteps.READ, request.requestId(), () -> ledger.read(request.requestId()))
                .flatMap(entry -> {
                    if (entry.isCompleted()) {
                        return republish(request, entry);
                    }
                    if (!entry.isHeldByOther(owner.id())) {
                        return takeOver(request);
                    }
                    metrics.leaseWait(request.provider());
                    Duration wait = min(config.lease().pollInterval(), entry.leaseLeft().plusMillis(50));
                    LOG.debugf("Send %s is held by %s for %d ms more; waiting", request.requestId(), entry.owner(),
                            entry.leaseLeft().toMillis());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .flatMap(ignored -> awaitHolder(request));
                });
    }

    private Uni<String> send(SendRequested request, LedgerEntry entry, boolean outcomeUnknown) {
        Optional<SendAttempt.Refused> invalid = invalid(request);
        if (invalid.isPresent()) {
            return finish(request, invalid.get());
        }
        SendLease lease = new SendLease(request.requestId(), owner, entry.leaseLeft(), ledger, steps, config);
        return retries.send(senders.of(request.provider()).orElseThrow(), asProviderWritesIt(request),
                entry.firstSentAt(),
                outcomeUnknown, lease)
                .flatMap(answer -> finish(request, answer))
                .onFailure(SendLease.LostException.class).recoverWithUni(lost -> {
                    LOG.infof("Send %s was taken over by another replica; following the ledger",
                            request.requestId());
                    return awaitHolder(request).replaceWith("handed-over");
                });
    }

    /** The provider answered (or nothing could be sent): record, then publish, each step retried on its own. */
    private Uni<String> finish(SendRequested request, SendAttempt answer) {
        Instant at = now();
        return steps.afterCall(SendSteps.RECORD_OUTCOME, request.requestId(),
                () -> ledger.complete(request.requestId(), answer, at))
                .flatMap(stored -> steps.afterCall(SendSteps.PUBLISH_RESULT, request.requestId(),
                        () -> publish(request, stored)).map(ignored -> stored))
                .map(stored -> {
                    String outcome = stored.state() == LedgerEntry.State.ACCEPTED ? "accepted" : "failed";
                    metrics.outcome(request.provider(), outcome);
                    if (stored.state() == LedgerEntry.State.ACCEPTED) {
                        LOG.infof("Send %s accepted by %s as %s", request.requestId(), request.provider(),
                                stored.providerMessageId());
                    } else {
                        LOG.infof("Send %s failed at %s: %s (%s %s)", request.requestId(), request.provider(),
                                stored.reason(), stored.providerCode(), stored.providerText());
                    }
                    return outcome;
                });
    }

    private Uni<String> republish(SendRequested request, LedgerEntry entry) {
        return steps.afterCall(SendSteps.PUBLISH_RESULT, request.requestId(), () -> publish(request, entry))
                .invoke(() -> {
                    metrics.outcome(request.provider(), "republished");
                    LOG.infof("Send %s was delivered again; its result is published again, nothing is sent",
                            request.requestId());
                }).replaceWith("republished");
    }

    /** The result exactly as the ledger holds it, so every copy of it is identical (same id, same fields). */
    private Uni<Void> publish(SendRequested request, LedgerEntry entry) {
        if (entry.state() == LedgerEntry.State.ACCEPTED) {
            return results.publish(new SendAccepted(request.requestId(), request.conversationId(),
                    request.messageId(), request.provider(), entry.providerMessageId(), entry.completedAt()));
        }
        return results.publish(new SendFailed(request.requestId(), request.conversationId(), request.messageId(),
                request.provider(), entry.reason(), entry.providerCode(), entry.providerText(), entry.completedAt()));
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
        Optional<BusinessAddress> from = BusinessAddress.ofKey(request.from());
        if (from.isEmpty()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null,
                    "the sending number is not " + BusinessAddress.EXPECTED));
        }
        // conversation-service refuses these already; a request that gets here anyway must not reach the provider.
        Optional<String> cannot = SendingCapabilities.refusal(request.provider(), from.get(), request.to());
        if (cannot.isPresent()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null, cannot.get()));
        }
        if (request.body() == null || request.body().isBlank()) {
            return Optional.of(new SendAttempt.Refused(FailureReason.InvalidSendingParameters, null,
                    "the message is empty"));
        }
        return Optional.empty();
    }

    /** The request with its sender as providers write it: a short code's digits without its country. */
    private static SendRequested asProviderWritesIt(SendRequested request) {
        String wire = BusinessAddress.ofKey(request.from()).orElseThrow().wire();
        return wire.equals(request.from()) ? request : new SendRequested(request.requestId(),
                request.conversationId(), request.messageId(), request.provider(), wire, request.to(),
                request.body(), request.sentBy(), request.segments(), request.requestedAt());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Milliseconds: what the database stores is exactly what was published, so a re-published copy is equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
