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
 * Calls a provider until it accepts or refuses for good, at most {@code gateway.send.retry.max-attempts} calls, with
 * {@link Backoff} between them. A transient failure (the provider did not take it) is simply called again. An
 * unknown outcome (the request may have reached the provider) is never called again blindly: the provider is asked
 * first ({@link UnknownOutcomes}), and only a provider that answers "not here" is called again; one that cannot be
 * asked is given up on rather than risk a second SMS. Providers whose resend is idempotent (ACS) are called again.
 * Before each call the lease must cover it; the waits block no thread.
 */
@ApplicationScoped
public class SendRetries {

    private static final Logger LOG = Logger.getLogger(SendRetries.class);

    private final SendConfig config;
    private final ProviderLanes lanes;
    private final UnknownOutcomes outcomes;
    private final SendMetrics metrics;
    private final Backoff backoff;

    @Inject
    public SendRetries(SendConfig config, ProviderLanes lanes, UnknownOutcomes outcomes, SendMetrics metrics) {
        this.config = config;
        this.lanes = lanes;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.backoff = Backoff.of(config.retry());
    }

    /**
     * Accepted or Refused, never Transient or Unknown. Fails only with {@link SendLease.LostException} (another replica
     * holds the request now: do nothing more) or when the ledger cannot be read for a lookup.
     *
     * @param outcomeUnknown an earlier delivery may have called the provider already: ask before the first call
     */
    public Uni<SendAttempt> send(ProviderSender sender, SendRequested request, Instant firstSentAt,
            boolean outcomeUnknown, SendLease lease) {
        Calls calls = new Calls(sender, request, firstSentAt, lease);
        if (outcomeUnknown && !sender.resendIsSafe()) {
            return resolve(calls, 0, 1, new SendAttempt.Unknown(null, "an earlier delivery stopped before it "
                    + "recorded the provider's answer"));
        }
        return call(calls, 1);
    }

    private Uni<SendAttempt> call(Calls calls, int attempt) {
        return calls.lease.coverNextCall()
                .flatMap(ignored -> lanes.send(calls.sender, calls.outbound(attempt))
                        // A sender classifies provider trouble itself; anything it throws is our bug, and as
                        // unknown as a timeout: the request may have left.
                        .onFailure().recoverWithItem(failure -> new SendAttempt.Unknown(null,
                                "unexpected failure (" + failure.getClass().getSimpleName() + ")")))
                .flatMap(result -> next(calls, attempt, result));
    }

    private Uni<SendAttempt> next(Calls calls, int attempt, SendAttempt result) {
        if (result instanceof SendAttempt.Transient trouble) {
            return retryOrGiveUp(calls, attempt, trouble, trouble.retryAfter());
        }
        if (result instanceof SendAttempt.Unknown unknown) {
            return calls.sender.resendIsSafe() ? retryOrGiveUp(calls, attempt, unknown, null)
                    : after(backoff.before(attempt, null), () -> resolve(calls, attempt, 1, unknown));
        }
        return Uni.createFrom().item(result);
    }

    /**
     * Asks the provider about the outcome of call {@code attempt} (0: an earlier delivery's call); {@code lookup}
     * counts the questions about it.
     */
    private Uni<SendAttempt> resolve(Calls calls, int attempt, int lookup, SendAttempt.Unknown last) {
        return calls.lease.coverNextCall()
                .flatMap(ignored -> outcomes.resolve(calls.sender, calls.outbound(Math.max(1, attempt))))
                .flatMap(result -> answered(calls, attempt, lookup, last, result));
    }

    private Uni<SendAttempt> answered(Calls calls, int attempt, int lookup, SendAttempt.Unknown last,
            SendLookup result) {
        String requestId = calls.request.requestId();
        if (result instanceof SendLookup.Found found) {
            String providerMessageId = found.providerMessageIds().get(0);
            LOG.infof("Send %s: %s has it as %s; not sent again", requestId, calls.sender.provider(),
                    providerMessageId);
            return Uni.createFrom().item(new SendAttempt.Accepted(providerMessageId));
        }
        if (result instanceof SendLookup.NotFound) {
            LOG.infof("Send %s: %s does not have it", requestId, calls.sender.provider());
            return attempt >= maxAttempts() ? giveUp(calls, attempt, last) : call(calls, attempt + 1);
        }
        SendLookup.Unanswered unanswered = (SendLookup.Unanswered) result;
        if (!unanswered.retryable() || lookup >= maxAttempts()) {
            return Uni.createFrom().item(outcomeUnknown(calls, lookup, last, unanswered));
        }
        return after(backoff.before(lookup, null), () -> resolve(calls, attempt, lookup + 1, last));
    }

    private Uni<SendAttempt> retryOrGiveUp(Calls calls, int attempt, SendAttempt trouble, Duration retryAfter) {
        if (attempt >= maxAttempts()) {
            return giveUp(calls, attempt, trouble);
        }
        Duration wait = backoff.before(attempt, retryAfter);
        metrics.retry(calls.sender.provider());
        LOG.infof("Send %s to %s: attempt %d of %d failed transiently (%s); retrying in %d ms",
                calls.request.requestId(), calls.sender.provider(), attempt, maxAttempts(), text(trouble),
                wait.toMillis());
        return after(wait, () -> call(calls, attempt + 1));
    }

    private Uni<SendAttempt> giveUp(Calls calls, int attempt, SendAttempt last) {
        metrics.retriesExhausted(calls.sender.provider());
        return Uni.createFrom().item(new SendAttempt.Refused(FailureReason.ProviderError, code(last),
                "gave up after " + attempt + " attempt(s), the last: " + text(last)));
    }

    private SendAttempt outcomeUnknown(Calls calls, int lookups, SendAttempt last, SendLookup.Unanswered answer) {
        metrics.retriesExhausted(calls.sender.provider());
        LOG.warnf("Send %s: whether %s has it stays unknown (%s); not sent again", calls.request.requestId(),
                calls.sender.provider(), answer.text());
        return new SendAttempt.Refused(FailureReason.ProviderError, code(last), "outcome unknown after " + lookups
                + " lookup(s), not sent again: " + answer.text());
    }

    private static Uni<SendAttempt> after(Duration wait, java.util.function.Supplier<Uni<SendAttempt>> next) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait).flatMap(ignored -> next.get());
    }

    private int maxAttempts() {
        return Math.max(1, config.retry().maxAttempts());
    }

    private static String code(SendAttempt attempt) {
        if (attempt instanceof SendAttempt.Transient trouble) {
            return trouble.providerCode();
        }
        return attempt instanceof SendAttempt.Unknown unknown ? unknown.providerCode() : null;
    }

    private static String text(SendAttempt attempt) {
        if (attempt instanceof SendAttempt.Transient trouble) {
            return trouble.providerText();
        }
        return attempt instanceof SendAttempt.Unknown unknown ? unknown.providerText() : String.valueOf(attempt);
    }

    /** One request's calls: what every attempt needs. */
    private record Calls(ProviderSender sender, SendRequested request, Instant firstSentAt, SendLease lease) {

        OutboundSend outbound(int attempt) {
            return new OutboundSend(request, firstSentAt, attempt);
        }
    }
}
